package com.skincareshop.recommendation.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.skincareshop.platform.testing.Management;
import com.skincareshop.recommendation.support.RecommendationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alerts operations rely on (deploy/kubernetes, a PrometheusRule) name metrics that exist: every series an
 * alert's expression reads is one this service exposes on its management port from the start, so that an alert
 * cannot silently watch a misspelt name, nor miss the first dead letter of a counter not yet born.
 * recommendation-service exposes all of them (the outbox's, the dead letters', the consumer lag).
 */
@RecommendationTest
class AlertRulesTest {

    private static final Path RULES = Path.of("../deploy/kubernetes/base/monitoring/prometheus-rules.yaml");
    /** PromQL's functions, aggregations and keywords: what is not a metric name in an expression. */
    private static final Set<String> PROMQL = Set.of(
            "increase",
            "rate",
            "irate",
            "delta",
            "sum",
            "max",
            "min",
            "avg",
            "count",
            "by",
            "without",
            "and",
            "or",
            "unless",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "offset",
            "bool",
            "max_over_time",
            "min_over_time",
            "avg_over_time",
            "absent",
            "time",
            "clamp_min",
            "abs",
            "topk");

    /** An identifier, not the unit of a duration or number ({@code 10m}, {@code 1e3}). */
    private static final Pattern NAME = Pattern.compile("(?<![a-zA-Z0-9_:.])[a-zA-Z_:][a-zA-Z0-9_:]*");

    @Test
    void everyMetricAnAlertReadsIsExposed() throws IOException {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(RULES));
        Set<String> names = new LinkedHashSet<>();
        int alerts = 0;
        for (JsonNode group : rules.at("/spec/groups")) {
            for (JsonNode rule : group.get("rules")) {
                alerts++;
                names.addAll(metricNames(rule.get("expr").asText()));
            }
        }
        assertThat(alerts).as("alerts in " + RULES).isGreaterThanOrEqualTo(4);
        assertThat(names).contains("dlq_messages_total", "outbox_oldest_age_seconds", "profiles_consumer_lag");

        String scrape = Management.given()
                .when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        for (String name : names) {
            assertThat(scrape).as("a series named " + name).containsPattern("(?m)^" + name + "[{ ]");
        }
    }

    /** The identifiers of an expression that are metric names: not labels, durations, numbers or PromQL words. */
    static Set<String> metricNames(String expr) {
        String withoutLabelsAndRanges = expr.replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("(by|without|on|ignoring)\\s*\\([^)]*\\)", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = NAME.matcher(withoutLabelsAndRanges);
        while (matcher.find()) {
            String word = matcher.group();
            if (!PROMQL.contains(word) && !Character.isDigit(word.charAt(0))) {
                names.add(word);
            }
        }
        return names;
    }

    @Test
    void metricNamesAreReadOffAnExpression() {
        assertThat(metricNames("sum by (topic) (increase(dlq_messages_total{topic!=\"\"}[10m])) > 0"))
                .containsExactly("dlq_messages_total");
        assertThat(metricNames("max(outbox_oldest_age_seconds) > 300 and on() outbox_backlog > 0"))
                .containsExactly("outbox_oldest_age_seconds", "outbox_backlog");
        assertThat(metricNames("sum by (job) (dlq_messages_total unless dlq_messages_total offset 10m) > 0"))
                .containsExactly("dlq_messages_total");
    }
}
