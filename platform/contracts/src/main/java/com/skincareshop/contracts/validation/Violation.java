package com.skincareshop.contracts.validation;

/** One invalid field: {@code field} is a JSON path into the request ({@code ingredients[2].percent}). */
public record Violation(String field, String message) {}
