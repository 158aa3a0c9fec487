package com.skincareshop.recommendation.api;

import com.skincareshop.platform.openapi.ApiDocument;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * What the routine's schema, derived from the engine's {@code Routine} records, cannot say by itself: which fields
 * every routine has, that the others may be null (a step's {@code nights} and {@code rampUpWeeks} are written as
 * null where they do not apply), and that its locale is a launch locale. Described from here so that the engine's records stay
 * free of the HTTP contract; a field they gain appears in the document as derived, and a field named here that they
 * no longer have is simply not required.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class RoutineDocumentFilter implements OASFilter {

    private static final Map<String, List<String>> ALWAYS_PRESENT = Map.of(
            "Routine", List.of("locale", "approach", "minimumSpf", "am", "pm", "week", "warnings", "total"),
            "Step", List.of("step", "slot", "product", "reasons", "usage", "frequency", "area"),
            "ProductRef", List.of("sku", "name", "price", "version"),
            "Reason", List.of("code", "message"),
            "Warning", List.of("code", "message"),
            "Night", List.of("night", "skus"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Map<String, Schema> schemas =
                openAPI.getComponents() == null ? null : openAPI.getComponents().getSchemas();
        List<Schema> routines = ApiDocument.schemasOf(schemas, "Routine");
        if (routines.isEmpty()) {
            return;
        }
        // each version of the response (a Jackson view) has its schemas: Routine_V1, Step_V2...
        ALWAYS_PRESENT.forEach((name, fields) -> ApiDocument.schemasOf(schemas, name)
                .forEach(schema -> {
                    if (schema.getProperties() != null) {
                        schema.setRequired(fields.stream()
                                .filter(schema.getProperties()::containsKey)
                                .toList());
                        schema.getProperties().forEach((field, property) -> {
                            if (!fields.contains(field)
                                    && property.getType() != null
                                    && !property.getType().contains(Schema.SchemaType.NULL)) {
                                property.addType(Schema.SchemaType.NULL);
                            }
                        });
                    }
                }));
        for (Schema routine : routines) {
            routine.setDescription("A routine: morning and evening steps in application order, the 7-night plan of"
                    + " the evening (`week`), warnings, and the total of the distinct products; every text in `locale`."
                    + " `customerId` and `profileVersion` are absent from a guest's routine. `Routine_V1` is the first"
                    + " version of the response; `Routine_V2` adds what a routine page renders (product facts,"
                    + " labels, addresses, alternatives, the cart, placeholders).");
            if (routine.getProperties() != null && routine.getProperties().containsKey("locale")) {
                routine.addProperty("locale", OASFactory.createSchema().ref(ApiDocument.LOCALE));
            }
        }
    }
}
