package io.walscope.core.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class NumericBinaryTest {

    /** numeric_send of a BigDecimal, written independently of the decoder (base-10000 digit groups). */
    static byte[] send(BigDecimal v) {
        int dscale = Math.max(v.scale(), 0);
        String plain = v.abs().setScale(dscale).toPlainString();
        int dot = plain.indexOf('.');
        String ip = dot < 0 ? plain : plain.substring(0, dot);
        String fp = dot < 0 ? "" : plain.substring(dot + 1);
        ip = "0".repeat((4 - ip.length() % 4) % 4) + ip;
        fp = fp + "0".repeat((4 - fp.length() % 4) % 4);
        List<Integer> groups = new ArrayList<>();
        for (int i = 0; i < ip.length(); i += 4) {
            groups.add(Integer.parseInt(ip.substring(i, i + 4)));
        }
        int weight = groups.size() - 1;
        for (int i = 0; i < fp.length(); i += 4) {
            groups.add(Integer.parseInt(fp.substring(i, i + 4)));
        }
        while (!groups.isEmpty() && groups.get(0) == 0) {
            groups.remove(0);
            weight--;
        }
        while (!groups.isEmpty() && groups.get(groups.size() - 1) == 0) {
            groups.remove(groups.size() - 1);
        }
        if (groups.isEmpty()) {
            weight = 0;
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        short[] head = {(short) groups.size(), (short) weight, (short) (v.signum() < 0 ? 0x4000 : 0), (short) dscale};
        for (short h : head) {
            o.write(h >>> 8);
            o.write(h);
        }
        for (int g : groups) {
            o.write(g >>> 8);
            o.write(g);
        }
        return o.toByteArray();
    }

    @Test
    void knownValues() {
        for (String s : new String[] {"0", "0.00", "1", "-1", "10000", "123.4500", "-0.000001", "0.1", "9999.9999",
                "100000000", "-12345678901234567890.123456789", "0.00001234"}) {
            BigDecimal v = new BigDecimal(s);
            assertEquals("\"" + s + "\"", Conv.binary("numeric", send(v)), s);
        }
    }

    @Test
    void specials() {
        assertEquals("\"NaN\"", Conv.binary("numeric", Conv.be((short) 0, (short) 0, (short) 0xC000, (short) 0)));
        assertEquals("\"Infinity\"", Conv.binary("numeric", Conv.be((short) 0, (short) 0, (short) 0xD000, (short) 0)));
        assertEquals("\"-Infinity\"", Conv.binary("numeric", Conv.be((short) 0, (short) 0, (short) 0xF000, (short) 0)));
    }

    @Test
    void propertyRandomDecimalsMatchText() {
        Random r = new Random(9);
        for (int i = 0; i < 5000; i++) {
            BigInteger unscaled = new BigInteger(1 + r.nextInt(i % 10 == 0 ? 3000 : 120), r);
            if (r.nextBoolean()) {
                unscaled = unscaled.negate();
            }
            BigDecimal v = new BigDecimal(unscaled, r.nextInt(60));
            String s = v.toPlainString();
            assertEquals(Conv.text("numeric", s), Conv.binary("numeric", send(v)), s);
        }
    }
}
