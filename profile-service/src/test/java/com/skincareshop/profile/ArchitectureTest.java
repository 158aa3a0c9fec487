package com.skincareshop.profile;

import com.skincareshop.platform.testing.ServiceArchitecture;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The service's shape (see {@link ServiceArchitecture}), checked on its compiled main classes. */
class ArchitectureTest {

    private static final String SERVICE = "com.skincareshop.profile";
    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(SERVICE);

    @Test
    void apiAndEventsDependOnTheDomainNeverTheOtherWay() {
        ServiceArchitecture.layers(SERVICE).check(MAIN_CLASSES);
    }
}
