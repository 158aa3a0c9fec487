package com.skincareshop.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.skincareshop.contracts.validation.Violation;
import com.skincareshop.contracts.validation.ViolationList;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns Jackson and Bean Validation failures into violations that name the JSON field. */
public final class Violations {

    /** The field named when the whole body is at fault (malformed JSON, too large, empty). */
    public static final String BODY = ViolationList.BODY;

    /** A document past the JSON reader's limits (StrictJson): nesting depth, number or string length. */
    static final String BEYOND_READER_LIMITS = "nests deeper, or holds a longer number or string, than this API reads";

    private Violations() {}

    /**
     * Sorted by field so that the answer to the same bad input is always the same; the first
     * {@link ViolationList#MAX_LISTED}, then {@link ViolationList#MORE} if there were more.
     */
    public static List<Violation> of(Set<? extends ConstraintViolation<?>> constraintViolations) {
        return ViolationList.of(constraintViolations.stream()
                .map(v -> new Violation(fieldOf(v.getPropertyPath()), v.getMessage()))
                .distinct()
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
                .toList());
    }

    /** A violation of what a method returned is the server's bug, not the client's mistake. */
    public static boolean concernReturnValue(Set<? extends ConstraintViolation<?>> constraintViolations) {
        return constraintViolations.stream().anyMatch(v -> {
            for (Path.Node node : v.getPropertyPath()) {
                if (node.getKind() == ElementKind.RETURN_VALUE) {
                    return true;
                }
            }
            return false;
        });
    }

    /**
     * A path such as {@code put.body.ingredients[2].percent}: the method is dropped, and so is a bean
     * parameter's name (the client sent the bean's fields, not the Java parameter); a scalar parameter such as a
     * query parameter keeps its name.
     */
    static String fieldOf(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            if (node.getKind() == ElementKind.METHOD
                    || node.getKind() == ElementKind.CONSTRUCTOR
                    || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER && i + 1 < nodes.size()) {
                continue;
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT
                    && node.getName() != null
                    && node.getName().startsWith("<")) {
                appendIndex(field, node);
                continue;
            }
            appendIndex(field, node);
            if (node.getName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.isEmpty() ? BODY : field.toString();
    }

    private static void appendIndex(StringBuilder field, Path.Node node) {
        if (node.getIndex() != null) {
            field.append('[').append(node.getIndex()).append(']');
        } else if (node.getKey() != null) {
            field.append('[').append(node.getKey()).append(']');
        }
    }

    /** A body that could not be read into the request type. */
    public static Violation of(JsonProcessingException e) {
        if (e instanceof StreamReadException readException) {
            var location = readException.getLocation();
            String where =
                    location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            return new Violation(BODY, "malformed JSON" + where);
        }
        if (e instanceof JsonMappingException mapping) {
            return new Violation(pathOf(mapping), messageOf(mapping));
        }
        if (e instanceof StreamConstraintsException) {
            return new Violation(BODY, BEYOND_READER_LIMITS);
        }
        return new Violation(BODY, "unreadable JSON");
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? BODY : field.toString();
    }

    private static String messageOf(JsonMappingException e) {
        if (e.getCause() instanceof StreamConstraintsException) {
            return BEYOND_READER_LIMITS;
        }
        if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Unexpected end-of-input")) {
            return "malformed JSON: the document ends too early";
        }
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field";
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() == String.class) {
            return e.getOriginalMessage(); // a string refused for its content (StrictJson), not for its type
        }
        if (e instanceof InvalidFormatException invalid && invalid.getValue() instanceof BigDecimal) {
            return e.getOriginalMessage(); // a number refused for its size (StrictJson), not for its type
        }
        if (e instanceof InvalidFormatException invalid
                && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return "must be one of "
                    + Arrays.stream(invalid.getTargetType().getEnumConstants())
                            .map(Object::toString)
                            .collect(Collectors.joining(", "));
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            Class<?> target = mismatched.getTargetType();
            if (target.isEnum()) {
                return "must be one of "
                        + Arrays.stream(target.getEnumConstants())
                                .map(Object::toString)
                                .collect(Collectors.joining(", "));
            }
            return "must be " + describe(target);
        }
        if (e instanceof ValueInstantiationException
                && e.getCause() != null
                && e.getCause().getMessage() != null) {
            return e.getCause().getMessage();
        }
        return "has the wrong type";
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
