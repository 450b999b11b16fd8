package io.walscope.product.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The update site (releng/io.walscope.repository) offers the Walscope feature in its category, holds every bundle the
 * feature includes, and none of the platform (an Eclipse IDE brings that).
 */
class UpdateSiteTest {
    static final Path SITE = Path.of(System.getProperty("walscope.repo", "../.."))
            .resolve("releng/io.walscope.repository/target/repository");

    @Test
    void metadataListsTheFeatureAndWhatItIncludes() throws Exception {
        Document content = xml(SITE.resolve("content.jar"), "content.xml");
        Set<String> units = new HashSet<>();
        Element feature = null;
        Element category = null;
        NodeList list = content.getElementsByTagName("unit");
        for (int i = 0; i < list.getLength(); i++) {
            Element u = (Element) list.item(i);
            units.add(u.getAttribute("id"));
            if (u.getAttribute("id").equals("io.walscope.feature.feature.group")) {
                feature = u;
            }
            if (isCategory(u)) {
                category = u;
            }
        }
        assertTrue(feature != null, "content.xml has no io.walscope.feature.feature.group: " + units);
        assertTrue(category != null && requires(category).contains("io.walscope.feature.feature.group"),
                "no category offers io.walscope.feature");
        List<String> included = requires(feature);
        for (String bsn : List.of("io.walscope.core", "io.walscope.core.pg", "io.walscope.ui", "io.walscope.app",
                "io.walscope.cli", "io.walscope.demo", "io.walscope.secure", "org.postgresql.jdbc",
                "com.fasterxml.jackson.core.jackson-databind", "bcprov", "org.jfree.jfreechart")) {
            assertTrue(included.contains(bsn), "the feature does not include " + bsn + ": " + included);
            assertTrue(units.contains(bsn), "the site has no unit " + bsn);
        }
        assertFalse(units.contains("io.walscope.rcp.feature.feature.group"), "the product runtime is not for an IDE");
        assertTrue(units.stream().noneMatch(u -> u.startsWith("org.eclipse.swt")), "the site must not carry SWT");

        Document artifacts = xml(SITE.resolve("artifacts.jar"), "artifacts.xml");
        Set<String> files = new HashSet<>();
        NodeList as = artifacts.getElementsByTagName("artifact");
        for (int i = 0; i < as.getLength(); i++) {
            files.add(((Element) as.item(i)).getAttribute("id"));
        }
        for (String bsn : included) {
            if (!bsn.endsWith(".feature.jar")) {
                assertTrue(files.contains(bsn), "artifacts.xml has no artifact for " + bsn);
                assertTrue(Files.list(SITE.resolve("plugins")).anyMatch(p -> p.getFileName().toString().startsWith(bsn + "_")),
                        "plugins/ has no jar of " + bsn);
            }
        }
    }

    private static boolean isCategory(Element unit) {
        NodeList ps = unit.getElementsByTagName("property");
        for (int i = 0; i < ps.getLength(); i++) {
            Element p = (Element) ps.item(i);
            if (p.getAttribute("name").equals("org.eclipse.equinox.p2.type.category")
                    && p.getAttribute("value").equals("true")) {
                return true;
            }
        }
        return false;
    }

    /** The names of the IUs a unit requires (a feature group: the bundles and features it includes). */
    private static List<String> requires(Element unit) {
        List<String> names = new ArrayList<>();
        NodeList rs = unit.getElementsByTagName("required");
        for (int i = 0; i < rs.getLength(); i++) {
            Element r = (Element) rs.item(i);
            if (r.getAttribute("namespace").equals("org.eclipse.equinox.p2.iu")) {
                names.add(r.getAttribute("name"));
            }
        }
        return names;
    }

    private static Document xml(Path jar, String entry) throws Exception {
        assertTrue(Files.isRegularFile(jar), jar + " was not built");
        try (JarFile j = new JarFile(jar.toFile()); InputStream in = j.getInputStream(j.getEntry(entry))) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
            return f.newDocumentBuilder().parse(in);
        }
    }
}
