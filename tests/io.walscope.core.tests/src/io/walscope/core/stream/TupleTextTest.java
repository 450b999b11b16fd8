package io.walscope.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.protobuf.CodedOutputStream;

/**
 * {@link Tuple#text(int)}: PostgreSQL's text of each value as the plugin sent it, from captured messages of each
 * plugin; kept by {@link Tuple#copy()}.
 */
class TupleTextTest {
    /** Records the texts of each change's after (or before) image, live and from the copy. */
    static final class Texts implements ChangeListener {
        final List<List<String>> live = new ArrayList<>();
        final List<List<String>> copied = new ArrayList<>();
        final List<List<String>> keys = new ArrayList<>();

        @Override
        public void change(ChangeEvent e) {
            Tuple t = e.after() != null ? e.after() : e.before();
            live.add(texts(t));
            copied.add(texts(e.copy().after() != null ? e.copy().after() : e.copy().before()));
            keys.add(e.key() == null ? null : texts(e.key()));
        }

        static List<String> texts(Tuple t) {
            List<String> r = new ArrayList<>();
            for (int i = 0; i < t.size(); i++) {
                r.add(t.text(i));
            }
            return r;
        }

        /** Live and copied texts agree; the live ones. */
        List<List<String>> checked() {
            assertEquals(live, copied, "copy() keeps the texts");
            return live;
        }
    }

    @Test
    void pgoutputTextModeGivesTheTextBinaryModeNone() throws Exception {
        PgOutputDecoder d = new PgOutputDecoder();
        Texts t = new Texts();
        d.decode(1, PgOutputDecoderTest.begin(0x900, 5), t);
        d.decode(1, PgOutputDecoderTest.relation(1, "s", "t", 'd'), t);
        d.decode(2, new PgOutputDecoderTest.Msg('I').i32(1).i8('N').i16(4).text("1").text("it's \"q\" é")
                .text("2026-01-02 03:04:05.5+01").text(null).buf(), t);
        d.decode(3, new PgOutputDecoderTest.Msg('U').i32(1).i8('N').i16(4).text("1").text("b").text(null)
                .text("\u0000u").buf(), t);
        d.decode(4, new PgOutputDecoderTest.Msg('I').i32(1).i8('N').i16(4).bin(new byte[] {0, 0, 1, 0})
                .text("x").text(null).text(null).buf(), t);
        assertEquals(List.of(Arrays.asList("1", "it's \"q\" é", "2026-01-02 03:04:05.5+01", null),
                Arrays.asList("1", "b", null, null), Arrays.asList(null, "x", null, null)), t.checked());
        assertEquals(List.of("1"), t.keys.get(0), "the key view gives its column's text");
    }

    @Test
    void testDecodingUnquotesAndMapsBooleans() throws Exception {
        TestDecodingDecoder d = new TestDecodingDecoder();
        d.setKeyColumns((s, t) -> List.of("id"));
        Texts t = new Texts();
        d.decode(1, "BEGIN 7", t);
        d.decode(2, "table public.t: INSERT: id[integer]:1 s[text]:'it''s' n[numeric]:1.50 b[boolean]:true"
                + " f[boolean]:false bits[bit varying]:B'0101' arr[text[]]:'{\"a b\",NULL}' z[text]:null"
                + " ts[timestamp with time zone]:'2026-01-02 03:04:05.25+00'", t);
        d.decode(3, "table public.t: UPDATE: id[integer]:1 s[text]:unchanged-toast-datum", t);
        d.decode(4, "COMMIT 7", t);
        assertEquals(List.of(Arrays.asList("1", "it's", "1.50", "t", "f", "0101", "{\"a b\",NULL}", null,
                "2026-01-02 03:04:05.25+00"), Arrays.asList("1", null)), t.checked());
    }

    @Test
    void wal2jsonGivesPostgresTextOfJsonValues() throws Exception {
        String cols = "{\"name\":\"id\",\"type\":\"integer\",\"typeoid\":23,\"value\":1},"
                + "{\"name\":\"d\",\"type\":\"double precision\",\"typeoid\":701,\"value\":0.1},"
                + "{\"name\":\"b\",\"type\":\"boolean\",\"typeoid\":16,\"value\":true},"
                + "{\"name\":\"s\",\"type\":\"text\",\"typeoid\":25,\"value\":\"it's \\\"q\\\"\\n\"},"
                + "{\"name\":\"by\",\"type\":\"bytea\",\"typeoid\":17,\"value\":\"00ff\"},"
                + "{\"name\":\"z\",\"type\":\"text\",\"typeoid\":25,\"value\":null}";
        List<String> expected = Arrays.asList("1", "0.1", "t", "it's \"q\"\n", "\\x00ff", null);
        Wal2JsonDecoder v2 = new Wal2JsonDecoder(2);
        Texts t = new Texts();
        v2.decode(1, "{\"action\":\"B\",\"xid\":5}", t);
        v2.decode(2, "{\"action\":\"I\",\"schema\":\"public\",\"table\":\"t\",\"columns\":[" + cols + "]}", t);
        v2.decode(3, "{\"action\":\"C\",\"xid\":5}", t);
        assertEquals(List.of(expected), t.checked());

        Wal2JsonDecoder v1 = new Wal2JsonDecoder(1);
        Texts t1 = new Texts();
        v1.decode(1, "{\"xid\":6,\"change\":[{\"kind\":\"insert\",\"schema\":\"public\",\"table\":\"t\","
                + "\"columnnames\":[\"id\",\"d\",\"b\",\"s\",\"by\",\"z\"],\"columntypes\":[\"integer\","
                + "\"double precision\",\"boolean\",\"text\",\"bytea\",\"text\"],\"columntypeoids\":[23,701,16,25,17,25],"
                + "\"columnvalues\":[1,0.1,true,\"it's \\\"q\\\"\\n\",\"00ff\",null]}]}", t1);
        assertEquals(List.of(expected), t1.checked());
    }

    @Test
    void decoderbufsSendsNoText() throws Exception {
        java.io.ByteArrayOutputStream datum = new java.io.ByteArrayOutputStream();
        CodedOutputStream o = CodedOutputStream.newInstance(datum);
        o.writeString(1, "id");
        o.writeInt64(2, 23);
        o.writeInt32(3, 1);
        o.flush();
        java.io.ByteArrayOutputStream row = new java.io.ByteArrayOutputStream();
        o = CodedOutputStream.newInstance(row);
        o.writeUInt32(1, 9);
        o.writeString(3, "public.t");
        o.writeEnum(4, 0);
        o.writeByteArray(5, datum.toByteArray());
        o.flush();
        Texts t = new Texts();
        new DecoderbufsDecoder().decode(1, java.nio.ByteBuffer.wrap(row.toByteArray()), t);
        assertEquals(1, t.live.size());
        assertNull(t.checked().get(0).get(0));
    }

    @Test
    void renderedTuplesCarryGivenTexts() {
        RenderedTuple r = RenderedTuple.of(List.of("a", "b"), new int[] {Tuple.VALUE, Tuple.NULL}, List.of("1", "null"),
                Arrays.asList("1", null));
        assertEquals("1", r.text(0));
        assertNull(r.text(1));
        assertNull(RenderedTuple.of(List.of("a"), new int[] {Tuple.VALUE}, List.of("1")).text(0));
    }
}
