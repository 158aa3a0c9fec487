package com.skincareshop.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.skincareshop.contracts.validation.Decimals;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Reads requests strictly: a misspelt field, a number where an enum is expected, a duplicated key or trailing
 * garbage is a 400 naming the field, not a silently different request. A number keeps the digits the client sent
 * (a JSON tree holds decimals, not doubles that read 1e400 as infinity and 1e-10000000 as 0), and one beyond
 * {@link Decimals}' bound is refused as it is read, before any arithmetic can spend seconds on it.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .build());
        mapper.registerModule(new SimpleModule("no-control-characters").addDeserializer(String.class, new TextOnly()));
        mapper.registerModule(
                new SimpleModule("bounded-decimals").addDeserializer(BigDecimal.class, new BoundedDecimal()));
    }

    /** Characters in one JSON number: room for {@link Decimals}' bound written out in full. */
    static final int MAX_NUMBER_LENGTH = 2 * Decimals.MAX_DIGITS + 20;
    /** No document of ours nests more than a few levels; 10,000 nested arrays stop at the 65th. */
    static final int MAX_NESTING_DEPTH = 64;

    /** The message a client sees when a string holds control characters. */
    public static final String CONTROL_CHARACTERS = "must not contain control characters";

    /**
     * Valid JSON may escape any character, NUL included, but no text of ours holds control characters (tab and
     * line breaks aside), and PostgreSQL refuses NUL outright: such a string is the client's error, named as such.
     */
    static final class TextOnly extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null && hasControlCharacters(value)) {
                throw InvalidFormatException.from(parser, CONTROL_CHARACTERS, value, String.class);
            }
            return value;
        }
    }

    /** A BigDecimal field refuses a number beyond {@link Decimals}' bound, naming the field. */
    static final class BoundedDecimal extends NumberDeserializers.BigDecimalDeserializer {
        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            BigDecimal value = super.deserialize(parser, context);
            if (value != null && !Decimals.withinBounds(value)) {
                throw InvalidFormatException.from(parser, Decimals.RULE, value, BigDecimal.class);
            }
            return value;
        }
    }

    public static boolean hasControlCharacters(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return true;
            }
        }
        return false;
    }
}
