package io.walscope.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SqlTest {
    @Test
    void quotesLikeQuoteIdent() {
        assertEquals("orders", Sql.ident("orders"));
        assertEquals("_t1", Sql.ident("_t1"));
        assertEquals("\"Order Items\"", Sql.ident("Order Items"));
        assertEquals("\"Orders\"", Sql.ident("Orders"));
        assertEquals("\"a\"\"b; drop table x; --\"", Sql.ident("a\"b; drop table x; --"));
        assertEquals("\"select\"", Sql.ident("select"));
        assertEquals("\"user\"", Sql.ident("user"));
        assertEquals("\"1abc\"", Sql.ident("1abc"));
        assertEquals("\"a$b\"", Sql.ident("a$b"));
        assertEquals("\"é\"", Sql.ident("é"));
        assertEquals("shop.\"Order Items\"", Sql.qualified("shop", "Order Items"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders", "Order Items", "a\"b; drop table x; --", "select", "\"", "\"\"", "it's", "x y z",
            "Ünïcödé", "semi;colon", "back\\slash"})
    void roundTrips(String name) {
        assertEquals(name, Sql.parseIdent(Sql.ident(name)));
        assertFalse(Sql.ident(name).startsWith("'"), "identifiers are never single-quoted");
    }

    @Test
    void literals() {
        assertEquals("'it''s'", Sql.literal("it's"));
        assertEquals("E'a\\\\b'", Sql.literal("a\\b"));
        assertEquals("NULL", Sql.literal(null));
        assertThrows(IllegalArgumentException.class, () -> Sql.ident(""));
        assertThrows(IllegalArgumentException.class, () -> Sql.ident("a\0b"));
    }

    @Test
    void bytes() {
        assertEquals("512 B", Bytes.pretty(512));
        assertEquals("1.0 KiB", Bytes.pretty(1024));
        assertEquals("1.5 GiB", Bytes.pretty(Bytes.GIB * 3 / 2));
    }
}
