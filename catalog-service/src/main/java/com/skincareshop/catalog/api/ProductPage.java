package com.skincareshop.catalog.api;

import java.util.List;

/** One page of a listing; {@code page} counts from 0, {@code total} is the number of matches in all pages. */
public record ProductPage(List<ProductView> items, int page, int size, long total) {
}
