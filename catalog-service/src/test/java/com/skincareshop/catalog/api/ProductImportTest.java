package com.skincareshop.catalog.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.skincareshop.catalog.support.CatalogTest;
import com.skincareshop.catalog.support.Products;
import com.skincareshop.contracts.events.KafkaAccess;
import com.skincareshop.contracts.events.Topics;
import com.skincareshop.platform.testing.DevTokens;
import com.skincareshop.platform.testing.InjectKafkaBroker;
import com.skincareshop.platform.testing.KafkaBroker;
import com.skincareshop.platform.testing.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

@CatalogTest
class ProductImportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectKafkaBroker
    KafkaBroker broker;

    @Inject
    AgroalDataSource dataSource;

    private static Response importNdjson(String body) {
        return given().auth()
                .oauth2(DevTokens.merchandiser())
                .contentType("application/x-ndjson")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when()
                .post("/api/products/import");
    }

    @Test
    void importsTheDemoCatalogueAndAgainChangesNothing() throws IOException {
        String demo;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("demo/catalog.ndjson")) {
            demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        long products = demo.lines().filter(l -> !l.isBlank()).count();
        assertThat(products).isGreaterThanOrEqualTo(30);

        Response first = importNdjson(demo);
        first.then().statusCode(200).body("received", equalTo((int) products)).body("rejected", equalTo(0));
        assertThat(first.jsonPath().getList("lines.findAll { it.warnings }"))
                .as("lines with warnings")
                .isEmpty();
        assertThat(first.jsonPath().getInt("created") + first.jsonPath().getInt("unchanged"))
                .isEqualTo(products);

        importNdjson(demo)
                .then()
                .statusCode(200)
                .body("unchanged", equalTo((int) products))
                .body("created", equalTo(0))
                .body("updated", equalTo(0));

        // what the storefront needs to build routines is there
        for (String category : List.of("CLEANSER", "SERUM", "MOISTURIZER", "SUNSCREEN", "EXFOLIANT")) {
            given().when()
                    .get("/api/products?category=" + category)
                    .then()
                    .statusCode(200)
                    .body("total", Matchers.greaterThan(0));
        }
        given().when()
                .get("/api/products?category=SUNSCREEN&size=100")
                .then()
                .body("items.spf", hasItem(20))
                .body("items.spf", hasItem(50));
    }

    /**
     * More lines than a batch holds, one sku among them three times in different batches: every line lands, in its
     * order, and the sku's events reach the topic in the order of its lines.
     */
    @Test
    void manyLinesLandInBatchesWithTheirEventsInLineOrder() throws IOException {
        String prefix = Products.uniqueSku("BAT");
        String repeated = prefix + "-R";
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2 * ProductImport.BATCH + 50; i++) {
            Map<String, Object> product = Products.vitaminCSerum("batch");
            product.put("sku", prefix + "-" + i);
            lines.add(JSON.writeValueAsString(product));
            if (i == 10 || i == ProductImport.BATCH + 10 || i == 2 * ProductImport.BATCH + 49) {
                Map<String, Object> again = Products.vitaminCSerum("batch");
                again.put("sku", repeated);
                again.put("stock", i);
                lines.add(JSON.writeValueAsString(again));
            }
        }
        Response imported = importNdjson(String.join("\n", lines));
        imported.then()
                .statusCode(200)
                .body("received", equalTo(lines.size()))
                .body("created", equalTo(lines.size() - 2))
                .body("updated", equalTo(2))
                .body("rejected", equalTo(0));
        assertThat(imported.jsonPath().getList("lines.line", Integer.class))
                .as("the report in line order")
                .isSorted()
                .hasSize(lines.size());
        assertThat(imported.jsonPath().getList("lines.findAll { it.sku == '" + repeated + "' }.version", Integer.class))
                .containsExactly(1, 2, 3);
        given().when()
                .get("/api/products/{sku}", repeated)
                .then()
                .statusCode(200)
                .body("stock", equalTo(2 * ProductImport.BATCH + 49));

        List<ConsumerRecord<String, String>> events = TopicReader.readKey(
                broker.clientConfig(KafkaAccess.RECOMMENDATION_SERVICE),
                Topics.CATALOG_PRODUCTS,
                repeated,
                records -> records.size() >= 3,
                Duration.ofSeconds(30));
        assertThat(events.stream()
                        .map(event -> JsonPath.from(event.value()).getInt("version"))
                        .toList())
                .containsExactly(1, 2, 3);
    }

    /**
     * Two merchandisers import the same new products at once: both batches try to create the same rows, the one
     * that commits second is refused by the primary key and stored again line by line. No line is lost, none fails,
     * and each product is created once.
     */
    @Test
    void twoImportsOfTheSameNewProductsAtOnceBothSucceed() throws Exception {
        String prefix = Products.uniqueSku("TWO");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < ProductImport.BATCH + 100; i++) {
            Map<String, Object> product = Products.vitaminCSerum("twice");
            product.put("sku", prefix + "-" + i);
            lines.add(JSON.writeValueAsString(product));
        }
        String body = String.join("\n", lines);
        ExecutorService merchandisers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Response>> imports = List.of(
                    merchandisers.submit(() -> importNdjson(body)), merchandisers.submit(() -> importNdjson(body)));
            int created = 0;
            for (Future<Response> running : imports) {
                Response report = running.get(2, TimeUnit.MINUTES);
                report.then().statusCode(200).body("rejected", equalTo(0));
                created += report.jsonPath().getInt("created");
                assertThat(report.jsonPath().getInt("created")
                                + report.jsonPath().getInt("unchanged"))
                        .isEqualTo(lines.size());
            }
            assertThat(created).as("each product created once").isEqualTo(lines.size());
        } finally {
            merchandisers.shutdownNow();
        }
    }

    /**
     * A line validation passes but the database refuses (here a trigger) fails its batch, which is then stored line
     * by line: only that line is lost, and it is reported.
     */
    @Test
    void aLineTheDatabaseRefusesCostsOnlyItselfNotItsBatch() throws Exception {
        String before = Products.uniqueSku("DBR");
        String refused = Products.uniqueSku("DBR");
        String after = Products.uniqueSku("DBR");
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("""
                    create or replace function refuse_import_line() returns trigger language plpgsql as $$
                    begin
                        raise exception 'the test refuses this product';
                    end $$""");
            statement.execute("create trigger refuse_import_line before insert on product for each row"
                    + " when (new.sku = '" + refused + "') execute function refuse_import_line()");
        }
        try {
            List<String> lines = new ArrayList<>();
            for (String sku : List.of(before, refused, after)) {
                Map<String, Object> product = Products.vitaminCSerum("refused");
                product.put("sku", sku);
                lines.add(JSON.writeValueAsString(product));
            }
            importNdjson(String.join("\n", lines))
                    .then()
                    .statusCode(200)
                    .body("created", equalTo(2))
                    .body("rejected", equalTo(1))
                    .body("lines[0].outcome", equalTo("CREATED"))
                    .body("lines[1].outcome", equalTo("REJECTED"))
                    .body("lines[1].sku", equalTo(refused))
                    .body("lines[1].violations[0].message", containsString("could not be stored"))
                    .body("lines[2].outcome", equalTo("CREATED"));
            given().when().get("/api/products/{sku}", before).then().statusCode(200);
            given().when().get("/api/products/{sku}", refused).then().statusCode(404);
            given().when().get("/api/products/{sku}", after).then().statusCode(200);
        } finally {
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("drop trigger if exists refuse_import_line on product");
            }
        }
    }

    @Test
    void goodLinesLandAndBadLinesAreReportedAndSkipped() throws IOException {
        String good1 = Products.uniqueSku("IMP");
        String good2 = Products.uniqueSku("IMP");
        String invalid = Products.uniqueSku("IMP");
        Map<String, Object> first = Products.vitaminCSerum("import");
        first.put("sku", good1);
        Map<String, Object> second = Products.sunscreen("import", 30);
        second.put("sku", good2);
        Map<String, Object> broken = Products.vitaminCSerum("import");
        broken.put("sku", invalid);
        broken.put("spf", 30);
        Map<String, Object> noSku = Products.vitaminCSerum("import");

        String body = String.join(
                "\n",
                JSON.writeValueAsString(first),
                "{\"sku\": \"IMP-TRUNC\", \"category\": ",
                JSON.writeValueAsString(broken),
                "",
                JSON.writeValueAsString(noSku),
                "42",
                JSON.writeValueAsString(second));

        importNdjson(body)
                .then()
                .statusCode(200)
                .body("received", equalTo(6))
                .body("created", equalTo(2))
                .body("rejected", equalTo(4))
                .body("lines[0].line", equalTo(1))
                .body("lines[0].outcome", equalTo("CREATED"))
                .body("lines[0].sku", equalTo(good1))
                .body("lines[0].version", equalTo(1))
                .body("lines[1].line", equalTo(2))
                .body("lines[1].outcome", equalTo("REJECTED"))
                .body("lines[1].violations[0].field", equalTo("body"))
                .body("lines[2].line", equalTo(3))
                .body("lines[2].sku", equalTo(invalid))
                .body("lines[2].violations[0].field", equalTo("spf"))
                .body("lines[3].line", equalTo(5))
                .body("lines[3].violations.field", hasItem("sku"))
                .body("lines[4].line", equalTo(6))
                .body("lines[4].outcome", equalTo("REJECTED"))
                .body("lines[5].line", equalTo(7))
                .body("lines[5].outcome", equalTo("CREATED"));

        given().when().get("/api/products/{sku}", good1).then().statusCode(200);
        given().when().get("/api/products/{sku}", good2).then().statusCode(200).body("spf", equalTo(30));
        given().when().get("/api/products/{sku}", invalid).then().statusCode(404);

        // a later line for the same sku updates it
        first.put("stock", 3);
        importNdjson(JSON.writeValueAsString(first))
                .then()
                .statusCode(200)
                .body("updated", equalTo(1))
                .body("lines[0].version", equalTo(2));
    }

    @Test
    void anIngredientTheDictionaryDoesNotKnowIsAWarningNotARejection() throws IOException {
        String sku = Products.uniqueSku("IMP");
        Map<String, Object> serum = Products.vitaminCSerum("import-unknown");
        serum.put("sku", sku);
        Products.ingredients(serum).add(1, Products.ingredient("Snail Mucin Essence", null));
        Products.ingredients(serum).add(Products.ingredient("Parfum", null));

        importNdjson(JSON.writeValueAsString(serum))
                .then()
                .statusCode(200)
                .body("created", equalTo(1))
                .body("rejected", equalTo(0))
                .body("lines[0].outcome", equalTo("CREATED"))
                .body("lines[0].violations", nullValue())
                .body("lines[0].warnings.size()", equalTo(1))
                .body("lines[0].warnings[0].field", equalTo("ingredients[1].inci"))
                .body(
                        "lines[0].warnings[0].message",
                        containsString("'Snail Mucin Essence' is not in the INCI dictionary"));
        given().when()
                .get("/api/products/{sku}", sku)
                .then()
                .statusCode(200)
                .body("unrecognizedIngredients", equalTo(List.of("Snail Mucin Essence")))
                .body("containsFragrance", equalTo(true));

        // still unknown when the line changes nothing
        importNdjson(JSON.writeValueAsString(serum))
                .then()
                .statusCode(200)
                .body("lines[0].outcome", equalTo("UNCHANGED"))
                .body("lines[0].warnings[0].field", equalTo("ingredients[1].inci"));
    }

    @Test
    void anEmptyBodyIsA400AndAnUnsupportedTypeA415() {
        importNdjson("\n\n")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("body"));
        given().auth()
                .oauth2(DevTokens.merchandiser())
                .contentType("application/xml")
                .body("<products/>")
                .when()
                .post("/api/products/import")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    /** Each line is decoded on its own: a line in another encoding costs only itself, as any bad line. */
    @Test
    void aLineThatIsNotUtf8IsRejectedAndTheOthersLand() throws IOException {
        Map<String, Object> before = Products.vitaminCSerum("import");
        before.put("sku", Products.uniqueSku("IMP"));
        Map<String, Object> after = Products.sunscreen("import", 30);
        after.put("sku", Products.uniqueSku("IMP"));
        var body = new ByteArrayOutputStream();
        body.write((JSON.writeValueAsString(before) + "\r\n").getBytes(StandardCharsets.UTF_8));
        // "Crème" in Latin-1, as a spreadsheet export might send it
        body.write("{\"sku\": \"IMP-LATIN1\", \"brand\": \"Cr\u00e8me\"}\n".getBytes(StandardCharsets.ISO_8859_1));
        body.write(JSON.writeValueAsString(after).getBytes(StandardCharsets.UTF_8)); // no \n at the end
        given().auth()
                .oauth2(DevTokens.merchandiser())
                .contentType("application/x-ndjson")
                .body(body.toByteArray())
                .when()
                .post("/api/products/import")
                .then()
                .statusCode(200)
                .body("received", equalTo(3))
                .body("created", equalTo(2))
                .body("lines[1].line", equalTo(2))
                .body("lines[1].outcome", equalTo("REJECTED"))
                .body("lines[1].violations[0].field", equalTo("body"))
                .body("lines[1].violations[0].message", containsString("UTF-8"))
                .body("lines[2].sku", equalTo(after.get("sku")));
        given().when().get("/api/products/{sku}", before.get("sku")).then().statusCode(200);
    }

    /**
     * The body is stored as it is read, so a body longer than one import takes is not refused whole: what came
     * before the limit is stored and reported, and the report says where the import stopped.
     */
    @Test
    void aBodyPastTheLineLimitIsStoredUpToItAndTheReportSaysWhereItStopped() throws IOException {
        Map<String, Object> first = Products.vitaminCSerum("import");
        first.put("sku", Products.uniqueSku("IMP"));
        Map<String, Object> past = Products.sunscreen("import", 30);
        past.put("sku", Products.uniqueSku("IMP"));
        // line 1 a product, lines 2 to 20,000 blank (they count), line 20,001 past the limit
        String body = JSON.writeValueAsString(first) + "\n".repeat(20_000) + JSON.writeValueAsString(past) + "\n"
                + JSON.writeValueAsString(past);
        importNdjson(body)
                .then()
                .statusCode(200)
                .body("received", equalTo(2))
                .body("created", equalTo(1))
                .body("rejected", equalTo(1))
                .body("lines[1].line", equalTo(20_001))
                .body("lines[1].violations[0].field", equalTo("body"))
                .body("lines[1].violations[0].message", containsString("20000 lines"));
        given().when().get("/api/products/{sku}", first.get("sku")).then().statusCode(200);
        given().when().get("/api/products/{sku}", past.get("sku")).then().statusCode(404);
    }
}
