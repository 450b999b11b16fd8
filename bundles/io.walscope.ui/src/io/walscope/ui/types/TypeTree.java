package io.walscope.ui.types;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;

import io.walscope.core.clickhouse.ChCodec;

import io.walscope.core.pg.catalog.CatalogColumn;
import io.walscope.core.pg.catalog.CatalogTable;
import io.walscope.core.pg.catalog.SampleReader;
import io.walscope.core.types.Status;

/** The view's model: schema → table → column, with the sample values once they are read. */
final class TypeTree {
    private static final JsonFactory JSON = new JsonFactory();

    private TypeTree() {
    }

    /** A schema and its tables. */
    record SchemaNode(String name, List<TableNode> tables) {
    }

    /** A table, its columns, and the sample read for it (set from the loading Job, read on the display thread). */
    static final class TableNode {
        final SchemaNode parent;
        final CatalogTable table;
        final List<ColumnNode> columns = new ArrayList<>();
        volatile String sampleNote;

        TableNode(SchemaNode parent, CatalogTable table) {
            this.parent = parent;
            this.table = table;
            for (int i = 0; i < table.columns().size(); i++) {
                columns.add(new ColumnNode(this, table.columns().get(i)));
            }
        }

        /** Takes a sample: each column's first non-NULL value as PostgreSQL text and as Walscope's JSON. */
        void sample(SampleReader.Sample s) {
            if (s.error() != null) {
                sampleNote = String.format(Messages.NO_SAMPLE, s.error());
                return;
            }
            if (s.rows().isEmpty()) {
                sampleNote = Messages.EMPTY_TABLE;
                return;
            }
            for (int i = 0; i < columns.size(); i++) {
                ColumnNode c = columns.get(i);
                int row = -1;
                for (int r = 0; r < s.rows().size() && row < 0; r++) {
                    if (s.rows().get(r)[i] != null || s.tooLarge(r, i)) {
                        row = r;
                    }
                }
                if (row < 0) {
                    c.samplePg = "NULL";
                    c.sampleJson = "null";
                    c.sampleCh = clickhouse(c.column, null);
                } else if (s.tooLarge(row, i)) {
                    c.samplePg = Messages.TOO_LARGE;
                    c.sampleJson = "";
                    c.sampleCh = "";
                } else {
                    String text = s.rows().get(row)[i];
                    c.samplePg = text;
                    c.sampleJson = json(c.column, text);
                    c.sampleCh = clickhouse(c.column, text);
                }
            }
            sampleNote = "";
        }

        String label() {
            return table.name() + (table.partitioned() ? " (partitioned)" : "");
        }
    }

    /** A column. */
    static final class ColumnNode {
        final TableNode parent;
        final CatalogColumn column;
        volatile String samplePg;
        volatile String sampleJson;
        volatile String sampleCh;

        ColumnNode(TableNode parent, CatalogColumn column) {
            this.parent = parent;
            this.column = column;
        }

        Status status() {
            return column.mapping().status();
        }
    }

    /** Groups tables (ordered by schema and name) under their schemas. */
    static List<SchemaNode> build(List<CatalogTable> tables) {
        Map<String, SchemaNode> schemas = new LinkedHashMap<>();
        for (CatalogTable t : tables) {
            SchemaNode s = schemas.computeIfAbsent(t.schema(), n -> new SchemaNode(n, new ArrayList<>()));
            s.tables().add(new TableNode(s, t));
        }
        return new ArrayList<>(schemas.values());
    }

    /** The JSON text Walscope emits for a value, or why it cannot. */
    static String json(CatalogColumn c, String text) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            c.mapping().converter().write(text, g);
        } catch (Exception e) {
            return String.format(Messages.NOT_CONVERTED, e.getMessage());
        }
        return w.toString();
    }

    /**
     * The value ClickHouse will hold (what {@code tail --format clickhouse} writes, substitutes included): a string's
     * content without quotes, other values as JSON.
     */
    static String clickhouse(CatalogColumn c, String text) {
        try {
            String v = ChCodec.sample(c.mapping(), text);
            if (!v.startsWith("\"")) {
                return v;
            }
            try (JsonParser p = JSON.createParser(v)) {
                p.nextToken();
                return p.getText();
            }
        } catch (Exception e) {
            return String.format(Messages.NOT_CONVERTED, e.getMessage());
        }
    }

    /** Whether {@code text} (lower case) occurs in the names or types of {@code c}. */
    static boolean matches(ColumnNode c, String text) {
        return contains(c.column.name(), text) || contains(c.column.pgType(), text)
                || contains(c.column.mapping().clickhouse(), text) || contains(c.parent.table.name(), text)
                || contains(c.parent.parent.name(), text);
    }

    private static boolean contains(String s, String lower) {
        return s.toLowerCase(Locale.ROOT).contains(lower);
    }

    /** One line for a text that may hold newlines (a sample value, a note). */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replace("\r", "").replace('\n', '\u21b5');
        return t.length() > 200 ? t.substring(0, 200) + "\u2026" : t;
    }
}
