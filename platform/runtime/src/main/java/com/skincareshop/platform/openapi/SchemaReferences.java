package com.skincareshop.platform.openapi;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/** Which component schemas a document's operations reach, directly or through other schemas. */
final class SchemaReferences {

    private static final String PREFIX = "#/components/schemas/";

    private SchemaReferences() {}

    static void dropUnreferenced(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> components = openAPI.getComponents().getSchemas();
        Set<String> reached = new HashSet<>();
        Deque<Schema> pending = new ArrayDeque<>();
        if (openAPI.getPaths() != null) {
            for (PathItem path : openAPI.getPaths().getPathItems().values()) {
                parameters(path.getParameters(), pending);
                for (Operation operation : path.getOperations().values()) {
                    parameters(operation.getParameters(), pending);
                    if (operation.getRequestBody() != null) {
                        content(operation.getRequestBody().getContent(), pending);
                    }
                    if (operation.getResponses() != null) {
                        for (APIResponse response :
                                operation.getResponses().getAPIResponses().values()) {
                            content(response.getContent(), pending);
                            if (response.getHeaders() != null) {
                                for (Header header : response.getHeaders().values()) {
                                    add(header.getSchema(), pending);
                                }
                            }
                        }
                    }
                }
            }
        }
        while (!pending.isEmpty()) {
            Schema schema = pending.pop();
            if (schema.getRef() != null && schema.getRef().startsWith(PREFIX)) {
                String name = schema.getRef().substring(PREFIX.length());
                if (reached.add(name)) {
                    add(components.get(name), pending);
                }
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(property -> add(property, pending));
            }
            add(schema.getItems(), pending);
            add(schema.getAdditionalPropertiesSchema(), pending);
            add(schema.getNot(), pending);
            all(schema.getAllOf(), pending);
            all(schema.getAnyOf(), pending);
            all(schema.getOneOf(), pending);
        }
        for (String name : List.copyOf(components.keySet())) {
            if (!reached.contains(name)) {
                openAPI.getComponents().removeSchema(name);
            }
        }
    }

    private static void parameters(List<Parameter> parameters, Deque<Schema> pending) {
        if (parameters != null) {
            parameters.forEach(parameter -> add(parameter.getSchema(), pending));
        }
    }

    private static void content(Content content, Deque<Schema> pending) {
        if (content != null && content.getMediaTypes() != null) {
            for (MediaType mediaType : content.getMediaTypes().values()) {
                add(mediaType.getSchema(), pending);
            }
        }
    }

    private static void all(List<Schema> schemas, Deque<Schema> pending) {
        if (schemas != null) {
            schemas.forEach(schema -> add(schema, pending));
        }
    }

    private static void add(Schema schema, Deque<Schema> pending) {
        if (schema != null) {
            pending.push(schema);
        }
    }
}
