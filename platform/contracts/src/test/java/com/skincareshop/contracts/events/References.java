package com.skincareshop.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Follows every {@code $ref} from a document, into the documents it names and on from them, and reports each that
 * names no document or no node in it. A reference is resolved against the URI of the document holding it (its
 * {@code $id} for a schema that declares one), as JSON Schema and AsyncAPI resolve them.
 */
final class References {

    /** What was followed: the documents reached, and every reference that resolves to nothing. */
    record Result(Set<URI> documents, List<String> broken) {}

    private final Function<URI, JsonNode> loader;
    private final Map<URI, JsonNode> documents = new HashMap<>();
    private final Set<URI> reached = new LinkedHashSet<>();
    private final List<String> broken = new ArrayList<>();

    /** {@code loader} gives the document at a URI (without fragment), or null when there is none. */
    private References(Function<URI, JsonNode> loader) {
        this.loader = loader;
    }

    static Result follow(URI start, Function<URI, JsonNode> loader) {
        References references = new References(loader);
        references.visit(start);
        return new Result(references.reached, references.broken);
    }

    private void visit(URI document) {
        if (!reached.add(document)) {
            return;
        }
        JsonNode root = load(document);
        if (root == null) {
            return;
        }
        walk(root, base(document, root));
    }

    private static URI base(URI document, JsonNode root) {
        JsonNode id = root.get("$id");
        return id != null && id.isTextual() ? document.resolve(id.textValue()) : document;
    }

    private void walk(JsonNode node, URI base) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                check(base, ref.textValue());
            }
            node.fields().forEachRemaining(field -> {
                if (!field.getKey().equals("$ref")) {
                    walk(field.getValue(), base);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> walk(element, base));
        }
    }

    private void check(URI base, String ref) {
        URI target = base.resolve(ref);
        URI document = withoutFragment(target);
        JsonNode root = load(document);
        if (root == null) {
            broken.add(ref + " (from " + base + "): no document " + document);
            return;
        }
        String pointer = target.getFragment();
        if (pointer != null && !pointer.isEmpty() && root.at(pointer).isMissingNode()) {
            broken.add(ref + " (from " + base + "): nothing at " + pointer + " in " + document);
            return;
        }
        visit(document);
    }

    private JsonNode load(URI document) {
        return documents.computeIfAbsent(document, loader);
    }

    private static URI withoutFragment(URI uri) {
        String text = uri.toString();
        int hash = text.indexOf('#');
        return URI.create(hash < 0 ? text : text.substring(0, hash));
    }
}
