package com.skincareshop.catalog.domain;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Applies {@link ProductRules} as Bean Validation, each broken rule reported at its own field. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidProduct.Validator.class)
public @interface ValidProduct {
    String message() default "invalid product";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidProduct, ProductInput> {
        @Override
        public boolean isValid(ProductInput product, ConstraintValidatorContext context) {
            if (product == null) {
                return true;
            }
            var broken = ProductRules.check(product);
            if (broken.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            for (ProductRules.Broken rule : broken) {
                context.buildConstraintViolationWithTemplate(escape(rule.message()))
                        .addPropertyNode(rule.field())
                        .addConstraintViolation();
            }
            return false;
        }

        /** Messages are literal: a '{' or '$' in them must not be read as an interpolation. */
        private static String escape(String message) {
            return message.replace("\\", "\\\\")
                    .replace("{", "\\{")
                    .replace("}", "\\}")
                    .replace("$", "\\$");
        }
    }
}
