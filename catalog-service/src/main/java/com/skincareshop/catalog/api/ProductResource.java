package com.skincareshop.catalog.api;

import com.skincareshop.catalog.domain.ProductCatalog;
import com.skincareshop.catalog.domain.ProductInput;
import com.skincareshop.catalog.domain.ProductQuery;
import com.skincareshop.contracts.catalog.ProductState;
import com.skincareshop.contracts.vocabulary.Area;
import com.skincareshop.contracts.vocabulary.Category;
import com.skincareshop.contracts.vocabulary.Concern;
import com.skincareshop.contracts.vocabulary.ProductStatus;
import com.skincareshop.contracts.vocabulary.SkinType;
import com.skincareshop.platform.api.QueryParams;
import com.skincareshop.platform.http.BodyLimit;
import com.skincareshop.platform.openapi.ApiDocument;
import com.skincareshop.platform.problem.Problem;
import com.skincareshop.platform.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.groups.ConvertGroup;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The catalogue API: reads are public, writes need the {@code merchandiser} role. The annotations are its OpenAPI
 * contract (ApiDocumentFilter adds what every service shares: problem bodies, the bearer scheme, locales).
 */
@Path("/api/products")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Products", description = "Products with their INCI ingredients, stock and prices")
public class ProductResource {

    static final String MERCHANDISER = "merchandiser";
    static final String NDJSON = "application/x-ndjson";
    private static final String MERCHANDISER_ONLY = "[\"" + MERCHANDISER + "\"]";
    private static final String ETAG = "The product's version, quoted (`\"3\"`): send it back in `If-Match`.";

    private final ProductCatalog catalog;
    private final ProductImport productImport;

    public ProductResource(ProductCatalog catalog, ProductImport productImport) {
        this.catalog = catalog;
        this.productImport = productImport;
    }

    /** Active products by default; {@code status=DISCONTINUED} lists the others. Sorted by sku. */
    @GET
    @PermitAll
    @Operation(
            operationId = "listProducts",
            summary = "List products, filtered and paginated",
            description = "Products sorted by sku, active ones unless `status=DISCONTINUED`; every filter narrows the"
                    + " listing. Public.")
    @APIResponse(
            responseCode = "200",
            description = "One page of the matching products",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProductPage.class)))
    @APIResponse(
            responseCode = "400",
            description = "A parameter is invalid; the violation names it (`size`, `category`...)")
    @APIResponse(responseCode = "503", description = "The database is unavailable; retry after `Retry-After`")
    public ProductPage list(
            @Parameter(
                            description = "Only products of this category",
                            schema = @Schema(implementation = Category.class))
                    @QueryParam("category")
                    String category,
            @Parameter(
                            description = "Only products that treat this concern",
                            schema = @Schema(implementation = Concern.class))
                    @QueryParam("concern")
                    String concern,
            @Parameter(
                            description = "Only products for this skin type",
                            schema = @Schema(implementation = SkinType.class))
                    @QueryParam("skinType")
                    String skinType,
            @Parameter(description = "Only products for this area", schema = @Schema(implementation = Area.class))
                    @QueryParam("area")
                    String area,
            @Parameter(
                            description = "`DISCONTINUED` lists discontinued products; default `ACTIVE`",
                            schema = @Schema(implementation = ProductStatus.class))
                    @QueryParam("status")
                    String status,
            @Parameter(
                            description = "Searches names in every locale, the brand, the sku and INCI names",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 100))
                    @QueryParam("q")
                    String text,
            @Parameter(
                            description = "The page, counting from 0",
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            minimum = "0",
                                            maximum = "10000",
                                            defaultValue = "0"))
                    @QueryParam("page")
                    String page,
            @Parameter(
                            description = "Products per page",
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            minimum = "1",
                                            maximum = "100",
                                            defaultValue = "20"))
                    @QueryParam("size")
                    String size,
            @Parameter(
                            description = "The locale of `name` and `description`",
                            schema = @Schema(ref = ApiDocument.LOCALE))
                    @QueryParam("locale")
                    String locale) {
        ProductStatus statusFilter = QueryParams.enumValue("status", status, ProductStatus.class);
        ProductQuery query = new ProductQuery(
                QueryParams.enumValue("category", category, Category.class),
                QueryParams.enumValue("concern", concern, Concern.class),
                QueryParams.enumValue("skinType", skinType, SkinType.class),
                QueryParams.enumValue("area", area, Area.class),
                statusFilter == null ? ProductStatus.ACTIVE : statusFilter,
                QueryParams.text("q", text, 100),
                QueryParams.intValue("page", page, 0, 0, 10_000),
                QueryParams.intValue("size", size, 20, 1, 100));
        ProductCatalog.Page result = catalog.search(query);
        return new ProductPage(
                result.items().stream().map(p -> ProductView.of(p, locale)).toList(),
                result.page(),
                result.size(),
                result.total());
    }

    @GET
    @Path("{sku}")
    @PermitAll
    @Operation(
            operationId = "getProduct",
            summary = "One product",
            description = "A product, discontinued or not, with every translation and what the catalogue derives from"
                    + " its INCI list. Public.")
    @APIResponse(
            responseCode = "200",
            description = "The product",
            headers =
                    @Header(
                            name = "ETag",
                            description = ETAG,
                            required = true,
                            schema = @Schema(type = SchemaType.STRING)),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProductView.class),
                            examples = @ExampleObject(name = "retinol-serum", value = ProductExamples.PRODUCT)))
    @APIResponse(responseCode = "404", description = "No product has this sku (`urn:skincare:problem:not-found`)")
    @APIResponse(responseCode = "503", description = "The database is unavailable; retry after `Retry-After`")
    public Response get(
            @Parameter(description = "The product's sku", example = "SER-VITC15-30") @PathParam("sku") String sku,
            @Parameter(
                            description = "The locale of `name` and `description`",
                            schema = @Schema(ref = ApiDocument.LOCALE))
                    @QueryParam("locale")
                    String locale) {
        ProductState product = catalog.find(sku).orElseThrow(() -> ProblemException.notFound("product " + sku));
        return Response.ok(ProductView.of(product, locale))
                .tag(unquoted(product.version()))
                .build();
    }

    /** Creates (201) or replaces (200) the product. {@code If-Match} with a stale version gives 412. */
    @PUT
    @Path("{sku}")
    @RolesAllowed(MERCHANDISER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "putProduct",
            summary = "Create or replace a product",
            description = "Creates the product (201) or replaces it (200). A body identical to the stored product"
                    + " changes nothing and keeps the version. With `If-Match` the write is conditional: a stale"
                    + " version, or `*` for a product that does not exist, is a 412.",
            extensions = @Extension(name = ApiDocument.ROLES, value = MERCHANDISER_ONLY, parseValue = true))
    @SecurityRequirement(name = ApiDocument.BEARER)
    @APIResponse(
            responseCode = "200",
            description = "Replaced (or unchanged)",
            headers =
                    @Header(
                            name = "ETag",
                            description = ETAG,
                            required = true,
                            schema = @Schema(type = SchemaType.STRING)),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProductView.class)))
    @APIResponse(
            responseCode = "201",
            description = "Created",
            headers = {
                @Header(name = "ETag", description = ETAG, required = true, schema = @Schema(type = SchemaType.STRING)),
                @Header(
                        name = "Location",
                        description = "The product's URL",
                        required = true,
                        schema = @Schema(type = SchemaType.STRING, format = "uri"))
            },
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProductView.class),
                            examples = @ExampleObject(name = "retinol-serum", value = ProductExamples.PRODUCT)))
    @APIResponse(
            responseCode = "400",
            description = "The body or `If-Match` is invalid; each violation names its field")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token lacks the `merchandiser` role")
    @APIResponse(responseCode = "409", description = "A concurrent request created or changed the product; retry")
    @APIResponse(
            responseCode = "412",
            description = "`If-Match` names another version; the detail says the current one")
    @APIResponse(responseCode = "413", description = "The body is over its limit (64 KiB)")
    @APIResponse(responseCode = "415", description = "The body is not `application/json`")
    @APIResponse(
            responseCode = "503",
            description = "The database is unavailable; nothing was changed, retry after `Retry-After`")
    public Response put(
            @Parameter(
                            description = "3 to 40 upper-case letters, digits and single dashes",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            pattern = ProductInput.SKU_PATTERN,
                                            minLength = 3,
                                            maxLength = 40),
                            example = "SER-RETINOL03-30")
                    @PathParam("sku")
                    @Pattern(regexp = ProductInput.SKU_PATTERN, message = ProductInput.SKU_RULE)
                    String sku,
            @Parameter(
                            description = "Write only if the product is at one of these versions (`\"3\"`), or"
                                    + " exists at all (`*`)",
                            example = "\"3\"")
                    @HeaderParam(EntityTags.IF_MATCH)
                    String ifMatch,
            @RequestBody(
                            required = true,
                            description = "The product as a merchandiser describes it",
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            schema = @Schema(implementation = ProductInput.class),
                                            examples =
                                                    @ExampleObject(
                                                            name = "retinol-serum",
                                                            value = ProductExamples.PRODUCT_INPUT)))
                    @BodyLimit("product")
                    @NotNull
                    @Valid
                    @ConvertGroup(to = ProductInput.SizesFirst.class)
                    ProductInput body,
            UriInfo uri) {
        if (body.sku() != null && !body.sku().equals(sku)) {
            throw ProblemException.invalid("sku", "does not match the sku in the path (" + sku + ")");
        }
        if (sku.length() < 3 || sku.length() > 40) {
            throw ProblemException.invalid("sku", ProductInput.SKU_RULE);
        }
        ProductCatalog.Upserted result = catalog.upsert(sku, body, EntityTags.parseIfMatch(ifMatch));
        ProductView view = ProductView.of(result.product(), null);
        Response.ResponseBuilder response = result.outcome() == ProductCatalog.Outcome.CREATED
                ? Response.created(uri.getAbsolutePath())
                : Response.ok();
        return response.entity(view).tag(unquoted(result.product().version())).build();
    }

    /** Discontinues: the product stays readable, leaves listings and recommendations. */
    @DELETE
    @Path("{sku}")
    @RolesAllowed(MERCHANDISER)
    // no body on success: a client that accepts only the problem of a failure must not get a 406
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(
            operationId = "discontinueProduct",
            summary = "Discontinue a product",
            description = "The product stays readable with `status: DISCONTINUED`, and leaves listings and routines."
                    + " `If-Match` makes it conditional.",
            extensions = @Extension(name = ApiDocument.ROLES, value = MERCHANDISER_ONLY, parseValue = true))
    @SecurityRequirement(name = ApiDocument.BEARER)
    @APIResponse(
            responseCode = "204",
            description = "Discontinued",
            headers =
                    @Header(
                            name = "ETag",
                            description = ETAG,
                            required = true,
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "`If-Match` is invalid")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token lacks the `merchandiser` role")
    @APIResponse(responseCode = "404", description = "No product has this sku")
    @APIResponse(responseCode = "409", description = "A concurrent request changed the product; retry")
    @APIResponse(responseCode = "412", description = "`If-Match` names another version")
    @APIResponse(
            responseCode = "503",
            description = "The database is unavailable; nothing was changed, retry after `Retry-After`")
    public Response discontinue(
            @Parameter(description = "The product's sku", example = "SER-VITC15-30") @PathParam("sku") String sku,
            @Parameter(description = "Discontinue only if the product is at one of these versions", example = "\"3\"")
                    @HeaderParam(EntityTags.IF_MATCH)
                    String ifMatch) {
        ProductState product = catalog.discontinue(sku, EntityTags.parseIfMatch(ifMatch))
                .orElseThrow(() -> ProblemException.notFound("product " + sku));
        return Response.noContent().tag(unquoted(product.version())).build();
    }

    /** NDJSON, one product (with its sku) a line. Good lines land, bad lines are reported and skipped. */
    @POST
    @Path("import")
    @RolesAllowed(MERCHANDISER)
    @Consumes({NDJSON, "application/jsonl", MediaType.TEXT_PLAIN})
    @Operation(
            operationId = "importProducts",
            summary = "Import products as NDJSON",
            description = "One product (a `ProductInput` with its `sku`) a line, each stored as a PUT would store it."
                    + " Good lines land, bad lines are reported and skipped; unknown INCI names are stored and reported"
                    + " as warnings; a line that is not UTF-8 is a bad line. The body is stored as it is read, in"
                    + " batches: at most 20,000 lines and 16 MiB are read, and a body that goes on past either is"
                    + " stored up to it, the report ending with a rejected line where the import stopped. The report"
                    + " lists at most 1,000 violations and warnings in all.",
            extensions = @Extension(name = ApiDocument.ROLES, value = MERCHANDISER_ONLY, parseValue = true))
    @SecurityRequirement(name = ApiDocument.BEARER)
    @APIResponse(
            responseCode = "200",
            description = "What happened to each line",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ImportReport.class),
                            examples = @ExampleObject(name = "mixed", value = ProductExamples.IMPORT_REPORT)))
    @APIResponse(responseCode = "400", description = "The body has no line that is not blank (`body`)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token lacks the `merchandiser` role")
    @APIResponse(responseCode = "413", description = "The body declares a length over its limit (16 MiB)")
    @APIResponse(responseCode = "415", description = "The body is not NDJSON")
    @APIResponse(responseCode = "503", description = "The database is unavailable; retry after `Retry-After`")
    public ImportReport importProducts(
            @RequestBody(
                            required = true,
                            description = "Products as NDJSON, one JSON object a line",
                            content = {
                                @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING)),
                                @Content(mediaType = "application/jsonl", schema = @Schema(type = SchemaType.STRING)),
                                @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING))
                            })
                    @BodyLimit("import")
                    InputStream body)
            throws IOException {
        return productImport.run(body);
    }

    /** JAX-RS quotes the tag itself. */
    private static EntityTag unquoted(long version) {
        return new EntityTag(String.valueOf(version));
    }
}
