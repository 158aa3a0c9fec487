package com.skincareshop.catalog.api;

import com.skincareshop.platform.http.BodyTooLargeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The lines of an NDJSON body, read as they arrive: only the line being read is held. Each line is decoded as
 * strict UTF-8 on its own, so that one line in another encoding costs only itself. A line ends at {@code \n}; a
 * {@code \r} before it is dropped.
 */
final class NdjsonLines {

    /** One line: its number (from 1) and its text, or no text when it is not valid UTF-8. */
    record Line(int number, String text) {
        boolean decoded() {
            return text != null;
        }

        boolean blank() {
            return text != null && text.isBlank();
        }
    }

    private static final int BUFFER = 64 * 1024;

    private final InputStream body;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[BUFFER];
    private final ByteArrayOutputStream current = new ByteArrayOutputStream(4096);
    private int position;
    private int limit;
    private int number;
    private boolean ended;
    private boolean overLimit;

    NdjsonLines(InputStream body) {
        this.body = body;
    }

    /** The next line, or null at the end of the body, or where it went past its byte limit ({@link #overLimit}). */
    Line next() throws IOException {
        if (ended) {
            return null;
        }
        try {
            return read();
        } catch (BodyTooLargeException e) {
            ended = true;
            overLimit = true;
            return null;
        }
    }

    /** True when the body ended because it went past its byte limit: the line after {@link #lines} was not read. */
    boolean overLimit() {
        return overLimit;
    }

    /** How many lines were read whole. */
    int lines() {
        return number;
    }

    private Line read() throws IOException {
        current.reset();
        while (true) {
            if (position == limit) {
                limit = body.read(buffer, 0, BUFFER);
                position = 0;
                if (limit < 0) {
                    ended = true;
                    limit = 0;
                    // a last line without its \n is still a line; an empty rest is not
                    return current.size() == 0 ? null : line();
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            current.write(buffer, start, position - start);
            if (position < limit) {
                position++; // the \n
                return line();
            }
        }
    }

    private Line line() {
        number++;
        byte[] bytes = current.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            return new Line(
                    number, utf8.decode(ByteBuffer.wrap(bytes, 0, length)).toString());
        } catch (CharacterCodingException e) {
            return new Line(number, null);
        }
    }
}
