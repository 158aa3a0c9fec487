package com.skincareshop.catalog.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a listing; {@code page} counts from 0, {@code total} is the number of matches in all pages. */
@Schema(description = "One page of a listing")
public record ProductPage(
        @Schema(required = true) List<ProductView> items,

        @Schema(required = true, description = "The page, counting from 0", minimum = "0")
        int page,

        @Schema(required = true, description = "The page size asked for", minimum = "1", maximum = "100")
        int size,

        @Schema(required = true, description = "Matches in all pages", minimum = "0")
        long total) {}
