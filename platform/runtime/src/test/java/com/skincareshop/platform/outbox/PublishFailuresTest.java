package com.skincareshop.platform.outbox;

import static com.skincareshop.platform.outbox.PublishFailures.Kind.RECORD;
import static com.skincareshop.platform.outbox.PublishFailures.Kind.TOPIC;
import static com.skincareshop.platform.outbox.PublishFailures.Kind.TOPIC_IF_MISSING;
import static com.skincareshop.platform.outbox.PublishFailures.Kind.TRANSIENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

/** Only refusals that waiting cannot cure count towards parking a row; an outage never does. */
class PublishFailuresTest {

    @Test
    void aRecordThatCanNeverBeWrittenIsTheRecordsFault() {
        assertThat(PublishFailures.classify(new RecordTooLargeException("too large")))
                .isEqualTo(RECORD);
        assertThat(PublishFailures.classify(new ExecutionException(new RecordTooLargeException("too large"))))
                .isEqualTo(RECORD);
        assertThat(PublishFailures.classify(new KafkaException("send", new SerializationException("bad"))))
                .isEqualTo(RECORD);
    }

    @Test
    void aTopicNoRecordCanBeWrittenToIsTheTopicsFault() {
        assertThat(PublishFailures.classify(new TopicAuthorizationException("denied")))
                .isEqualTo(TOPIC);
        assertThat(PublishFailures.classify(new InvalidTopicException("bad name")))
                .isEqualTo(TOPIC);
    }

    @Test
    void aMissingTopicLooksLikeAnOutageUntilTheBrokerSaysSo() {
        assertThat(PublishFailures.classify(new TimeoutException("Topic t not present in metadata after 5000 ms.")))
                .isEqualTo(TOPIC_IF_MISSING);
        assertThat(PublishFailures.classify(new ExecutionException(new UnknownTopicOrPartitionException("t"))))
                .isEqualTo(TOPIC_IF_MISSING);
    }

    @Test
    void outagesAndProducerTroubleAreNeverCounted() {
        assertThat(PublishFailures.classify(new NetworkException("disconnected")))
                .isEqualTo(TRANSIENT);
        assertThat(PublishFailures.classify(new NotLeaderOrFollowerException("moved")))
                .isEqualTo(TRANSIENT);
        assertThat(PublishFailures.classify(new OutOfOrderSequenceException("restart")))
                .isEqualTo(TRANSIENT);
        assertThat(PublishFailures.classify(new ClusterAuthorizationException("idempotent write")))
                .isEqualTo(TRANSIENT);
        assertThat(PublishFailures.classify(new IllegalStateException("producer closed")))
                .isEqualTo(TRANSIENT);
    }

    @Test
    void theDescriptionIsClassAndMessageBounded() {
        assertThat(PublishFailures.describe(new RecordTooLargeException("The message is 5000 bytes")))
                .isEqualTo("RecordTooLargeException: The message is 5000 bytes");
        assertThat(PublishFailures.describe(new NetworkException((String) null)))
                .isEqualTo("NetworkException");
        assertThat(PublishFailures.describe(new RecordTooLargeException("x".repeat(5000))))
                .hasSize(1000);
    }
}
