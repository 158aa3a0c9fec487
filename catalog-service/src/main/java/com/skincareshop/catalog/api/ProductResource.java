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
import com.skincareshop.platform.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.groups.ConvertGroup;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.IOException;
import java.io.InputStream;

/** The catalogue API of DESIGN.md: reads are public, writes need the {@code merchandiser} role. */
@Path("/api/products")
@Produces(MediaType.APPLICATION_JSON)
public class ProductResource {

    static final String MERCHANDISER = "merchandiser";
    static final String NDJSON = "application/x-ndjson";

    private final ProductCatalog catalog;
    private final ProductImport productImport;

    public ProductResource(ProductCatalog catalog, ProductImport productImport) {
        this.catalog = catalog;
        this.productImport = productImport;
    }

    /** Active products by default; {@code status=DISCONTINUED} lists the others. Sorted by sku. */
    @GET
    @PermitAll
    public ProductPage list(@QueryParam("category") String category,
                            @QueryParam("concern") String concern,
                            @QueryParam("skinType") String skinType,
                            @QueryParam("area") String area,
                            @QueryParam("status") String status,
                            @QueryParam("q") String text,
                            @QueryParam("page") String page,
                            @QueryParam("size") String size,
                            @QueryParam("locale") String locale) {
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
        return new ProductPage(result.items().stream().map(p -> ProductView.of(p, locale)).toList(),
                result.page(), result.size(), result.total());
    }

    @GET
    @Path("{sku}")
    @PermitAll
    public Response get(@PathParam("sku") String sku, @QueryParam("locale") String locale) {
        ProductState product = catalog.find(sku).orElseThrow(() -> ProblemException.notFound("product " + sku));
        return Response.ok(ProductView.of(product, locale)).tag(unquoted(product.version())).build();
    }

    /** Creates (201) or replaces (200) the product. {@code If-Match} with a stale version gives 412. */
    @PUT
    @Path("{sku}")
    @RolesAllowed(MERCHANDISER)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("sku") @Pattern(regexp = ProductInput.SKU_PATTERN, message = ProductInput.SKU_RULE)
                        String sku,
                        @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
                        @BodyLimit("product") @NotNull @Valid @ConvertGroup(to = ProductInput.SizesFirst.class)
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
    public Response discontinue(@PathParam("sku") String sku, @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        ProductState product = catalog.discontinue(sku, EntityTags.parseIfMatch(ifMatch))
                .orElseThrow(() -> ProblemException.notFound("product " + sku));
        return Response.noContent().tag(unquoted(product.version())).build();
    }

    /** NDJSON, one product (with its sku) a line. Good lines land, bad lines are reported and skipped. */
    @POST
    @Path("import")
    @RolesAllowed(MERCHANDISER)
    @Consumes({NDJSON, "application/jsonl", MediaType.TEXT_PLAIN})
    public ImportReport importProducts(@BodyLimit("import") InputStream body) throws IOException {
        return productImport.run(body);
    }

    /** JAX-RS quotes the tag itself. */
    private static jakarta.ws.rs.core.EntityTag unquoted(long version) {
        return new jakarta.ws.rs.core.EntityTag(String.valueOf(version));
    }
}
