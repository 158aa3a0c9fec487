package com.skincareshop.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LimitedBodyTest {

    /** An endless body that counts what was taken from it and whether it was closed. */
    private static final class Endless extends InputStream {
        long taken;
        boolean closed;

        @Override
        public int read() {
            taken++;
            return 'x';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            taken += length;
            return length;
        }

        @Override
        public void close() {
            closed = true; // a Vert.x body's close reads the rest of the body: for this one, forever
        }
    }

    @Test
    void anEndlessBodyFailsOneBytePastTheLimitAndIsNotReadFurther() throws IOException {
        Endless source = new Endless();
        AtomicInteger abandoned = new AtomicInteger();
        LimitedBody body = new LimitedBody(source, 1000, abandoned::incrementAndGet);

        assertThatThrownBy(() -> body.readAllBytes())
                .isInstanceOf(BodyTooLargeException.class)
                .satisfies(e -> assertThat(((BodyTooLargeException) e).limit()).isEqualTo(1000));
        assertThat(source.taken).isEqualTo(1001);
        assertThatThrownBy(() -> body.read(new byte[10], 0, 10)).isInstanceOf(BodyTooLargeException.class);
        assertThat(source.taken).isEqualTo(1001);

        body.close();
        assertThat(source.closed).isFalse();
        assertThat(abandoned).hasValue(1);
    }

    @Test
    void everyByteUpToTheLimitIsReturnedBeforeTheReadThatGoesPastItFails() throws IOException {
        LimitedBody body = new LimitedBody(new Endless(), 1000, () -> {});
        byte[] buffer = new byte[4096];
        assertThat(body.read(buffer, 0, 600)).isEqualTo(600);
        assertThat(body.read(buffer, 0, 4096)).isEqualTo(400); // a streamed reader keeps the lines these end
        assertThatThrownBy(() -> body.read(buffer, 0, 4096)).isInstanceOf(BodyTooLargeException.class);
    }

    @Test
    void aBodyWithinTheLimitReadsAsItIsAndClosesItsSource() throws IOException {
        byte[] json = "{\"a\": 1}".getBytes();
        AtomicInteger abandoned = new AtomicInteger();
        LimitedBody body = new LimitedBody(new ByteArrayInputStream(json), json.length, abandoned::incrementAndGet);
        assertThat(body.readAllBytes()).isEqualTo(json);
        body.close();
        assertThat(abandoned).hasValue(0);
    }

    @Test
    void aBodyClosedBeforeItsEndIsAbandonedNotDrained() throws IOException {
        Endless source = new Endless();
        AtomicInteger abandoned = new AtomicInteger();
        LimitedBody body = new LimitedBody(source, 1 << 20, abandoned::incrementAndGet);
        body.read(new byte[10], 0, 10); // a JSON reader that stops at a syntax error, say
        body.close();
        assertThat(source.closed).isFalse();
        assertThat(source.taken).isEqualTo(10);
        assertThat(abandoned).hasValue(1);
    }
}
