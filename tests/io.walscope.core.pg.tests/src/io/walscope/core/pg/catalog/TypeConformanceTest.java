package io.walscope.core.pg.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.walscope.core.types.CanonicalType.Kind;
import io.walscope.core.types.Status;
import io.walscope.testbed.PgTestBed;
import io.walscope.testbed.TestServer;
import io.walscope.testbed.TypeFixture;

/**
 * The type conformance test, per server version: the {@link TypeFixture} table (one column of every catalog type,
 * rows of edge values) is read through the catalog reader and through JDBC {@code getString}; each value, converted
 * by its column's converter, must equal the fixture's canonical JSON. Every mismatch of a version is reported at
 * once.
 */
class TypeConformanceTest {
    private static final JsonFactory JSON = new JsonFactory();

    static Stream<String> versions() {
        return PgTestBed.versions().stream();
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void everyValueBecomesItsCanonicalJson(String major) throws Exception {
        TestServer s = PgTestBed.server(major);
        TypeFixture f = TypeFixture.forServer(major);
        String db = s.createDatabase("conformance");
        s.sql(db, f.setupSql().toArray(String[]::new));
        s.sql(db, f.insertSql().toArray(String[]::new));
        List<String> problems = new ArrayList<>();
        try (Connection c = s.connect(db)) {
            List<CatalogTable> tables = new CatalogReader(c).read(List.of(TypeFixture.SCHEMA), List.of());
            assertEquals(1, tables.size(), tables.toString());
            CatalogTable t = tables.get(0);
            assertEquals(TypeFixture.TABLE, t.name());
            assertEquals(List.of(TypeFixture.KEY), t.primaryKey().stream().map(CatalogColumn::name).toList());
            assertEquals(f.columns().size(), t.columns().size(), "every fixture column is read");
            for (TypeFixture.Column fc : f.columns()) {
                CatalogColumn cc = t.column(fc.name());
                if (!fc.pgType().equals(cc.pgType())) {
                    problems.add(fc.name() + ": pg_type " + cc.pgType() + ", expected " + fc.pgType());
                }
                String note = cc.mapping().note();
                if (note.contains("not in Walscope's catalog") || note.contains("was not read") || note.contains("oid:")) {
                    problems.add(fc.name() + ": type not resolved: " + note);
                }
            }
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT * FROM " + TypeFixture.SCHEMA + "." + TypeFixture.TABLE
                            + " ORDER BY " + TypeFixture.KEY)) {
                int row = 0;
                while (rs.next()) {
                    for (TypeFixture.Column fc : f.columns()) {
                        String text = rs.getString(fc.name());
                        String expected = f.expected(fc.name(), row);
                        String actual;
                        try {
                            actual = json(t.column(fc.name()), text);
                        } catch (Exception e) {
                            actual = e.toString();
                        }
                        if (!expected.equals(actual)) {
                            problems.add(fc.name() + " row " + (row + 1) + ": PostgreSQL printed [" + text
                                    + "], converted to " + actual + ", expected " + expected);
                        }
                    }
                    row++;
                }
                assertEquals(f.rows(), row);
            }
        }
        assertTrue(problems.isEmpty(), "PostgreSQL " + major + ":\n" + String.join("\n", problems));
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("versions")
    void catalogResolvesDomainsEnumsArraysAndOtherSchemas(String major) throws Exception {
        TestServer s = PgTestBed.server(major);
        TypeFixture f = TypeFixture.forServer(major);
        String db = s.createDatabase("catalog");
        s.sql(db, f.setupSql().toArray(String[]::new));
        try (Connection c = s.connect(db)) {
            CatalogTable t = new CatalogReader(c).read(List.of(TypeFixture.SCHEMA), List.of()).get(0);
            assertEquals("enum('sad','ok','happy','so-so \"meh\"')", canonical(t, "c_enum"), "labels in sort order");
            assertEquals("LowCardinality(Nullable(String))", t.column("c_enum").mapping().clickhouse());
            assertEquals("enum('red','green')", canonical(t, "c_enum_other"));
            assertEquals("int32", canonical(t, "c_domain"));
            assertEquals("int32", canonical(t, "c_domain_nested"), "a domain over a domain");
            assertTrue(t.column("c_domain_nested").mapping().note().contains("domain over fx.posint"),
                    t.column("c_domain_nested").mapping().note());
            assertEquals("decimal(6,2)", canonical(t, "c_domain_numeric"), "the base type's typmod");
            assertEquals("Nullable(Decimal(6, 2))", t.column("c_domain_numeric").mapping().clickhouse());
            assertEquals("array<int32>", canonical(t, "c_domain_array"));
            assertEquals("array<array<int32>>", canonical(t, "c_int4_2d"), "attndims 2");
            assertEquals("Array(Array(Nullable(Int32)))", t.column("c_int4_2d").mapping().clickhouse());
            assertEquals("array<decimal(6,2)>", canonical(t, "c_numeric_array"), "the element keeps the typmod");
            assertEquals("array<enum('sad','ok','happy','so-so \"meh\"')>", canonical(t, "c_enum_array"));
            assertEquals(Kind.HSTORE, t.column("c_hstore").mapping().canonical().kind(), "hstore in another schema");
            assertEquals(Status.FULL, t.column("c_citext").mapping().status(), "citext in another schema");
            assertEquals("range<int32>", canonical(t, "c_int4range"));
            assertEquals("array<range<int32>>", canonical(t, "c_int4range_array"));
            assertEquals(Status.LOSSY, t.column("c_composite").mapping().status());
            assertEquals("Int32", t.column(TypeFixture.KEY).mapping().clickhouse(), "NOT NULL: no Nullable");
            assertEquals("Nullable(Int32)", t.column("c_int4").mapping().clickhouse());
            assertEquals("decimal", canonical(t, "c_numeric"));
            assertEquals(Status.LOSSY, t.column("c_numeric").mapping().status());
            if (major.compareTo("14") >= 0 && !major.equals("9.6")) {
                assertEquals("multirange<int32>", canonical(t, "c_int4multirange"));
            }
            if (major.equals(PgTestBed.PLUGINS_VERSION)) {
                assertEquals("geometry(Point,4326)", canonical(t, "c_geometry"));
                assertEquals("geography", canonical(t, "c_geography"));
            }
        }
    }

    private static String canonical(CatalogTable t, String column) {
        return t.column(column).mapping().canonical().toString();
    }

    static String json(CatalogColumn column, String text) throws Exception {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            column.mapping().converter().write(text, g);
        }
        return w.toString();
    }
}
