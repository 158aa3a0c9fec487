package com.skincareshop.platform.outbox;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Why Kafka did not take an outbox row, and whether waiting can cure it. Only refusals that waiting does not cure
 * count towards parking the row; everything else (the broker down or slow, a leader moving, a fenced or broken
 * producer) is an outage, retried for as long as it lasts.
 */
final class PublishFailures {

    enum Kind {
        /** An outage or anything unknown: retried without counting. */
        TRANSIENT,
        /** This record can never be written as it is: too large, not serializable, refused as invalid. */
        RECORD,
        /** No record of this topic can be written: not authorized, or an illegal name. */
        TOPIC,
        /**
         * The topic may be missing, or the broker away: the producer says the same ("not present in metadata",
         * a timeout) in both cases. The relay asks the broker; only a broker that answers "no such topic" counts.
         */
        TOPIC_IF_MISSING
    }

    private PublishFailures() {}

    static Kind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException
                    || t instanceof RecordBatchTooLargeException
                    || t instanceof SerializationException
                    || t instanceof InvalidRecordException) {
                return Kind.RECORD;
            }
            if (t instanceof TopicAuthorizationException || t instanceof InvalidTopicException) {
                return Kind.TOPIC;
            }
            if (t instanceof UnknownTopicOrPartitionException || t instanceof TimeoutException) {
                return Kind.TOPIC_IF_MISSING;
            }
        }
        return Kind.TRANSIENT;
    }

    /** The exception a future or a send failed with, without the {@link ExecutionException} around it. */
    static Throwable unwrap(Throwable failure) {
        return failure instanceof ExecutionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** For {@code last_error}: class and message, bounded. Kafka's messages name sizes and topics, not values. */
    static String describe(Throwable failure) {
        String text =
                failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }
}
