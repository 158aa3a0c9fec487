package com.skincareshop.benchmarks.reconciliation;

/**
 * One write as the client saw it: what a reconciliation compares with what the producers' databases, the topics and
 * the read models hold. {@code version} is the ETag of an acknowledged write; {@code expected} what the write set
 * (catalogue: price, stock, status; profile: sun hours and consent; erasure: "ERASED").
 *
 * <p>A write is <em>acknowledged</em> (2xx), <em>refused</em> (no connection: it never reached the service),
 * <em>unknown</em> (the connection broke or timed out: it may or may not have committed) or <em>failed</em> (a
 * non-2xx answer).
 */
public record Write(
        String phase,
        String service,
        String key,
        String op,
        String expected,
        Outcome outcome,
        long version,
        long startedNanos,
        long endedNanos,
        String detail) {

    public enum Outcome {
        ACKNOWLEDGED,
        UNKNOWN,
        REFUSED,
        FAILED
    }

    public boolean mayHaveCommitted() {
        return outcome == Outcome.ACKNOWLEDGED || outcome == Outcome.UNKNOWN || outcome == Outcome.FAILED;
    }
}
