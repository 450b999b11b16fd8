package io.walscope.core.debezium;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.walscope.core.debezium.Codec.Path;
import io.walscope.core.debezium.ConnectSchema.Type;
import io.walscope.core.debezium.DebeziumOptions.DecimalHandling;

/**
 * numeric and money under Debezium's {@code decimal.handling.mode}: {@code precise} as Kafka Connect's Decimal
 * (the unscaled value's bytes, the scale in the schema) or, for a numeric without a declared scale, Debezium's
 * VariableScaleDecimal struct; {@code string} and {@code double} as their names say. pgjdbc reads the scale of a
 * numeric with a negative scale (PostgreSQL 15+) as an unsigned 11-bit number, and Debezium's schema says so too.
 */
final class Numerics {
    /** The precision pgjdbc reports for a numeric without a declared precision. */
    static final int VARIABLE_LENGTH = 131089;

    private Numerics() {
    }

    /** A numeric's Debezium column: precision and scale from its typmod, or variable. */
    record Spec(int precision, int scale, boolean variable) {
        static Spec of(int typmod) {
            if (typmod < 0) {
                return new Spec(VARIABLE_LENGTH, 0, true);
            }
            int t = typmod - 4;
            return new Spec(t >> 16 & 0xFFFF, t & 0xFFFF, false);
        }
    }

    static Codec numeric(int typmod, DecimalHandling mode) {
        Spec spec = Spec.of(typmod);
        ConnectSchema s = schema(spec, mode);
        return new Codec(s, (v, p) -> value(v, spec, mode, s), fallback(spec, mode, s), null,
                e -> defaultOf(e, spec, mode));
    }

    static ConnectSchema schema(Spec spec, DecimalHandling mode) {
        switch (mode) {
        case STRING:
            return ConnectSchema.of(Type.STRING);
        case DOUBLE:
            return ConnectSchema.of(Type.FLOAT64);
        default:
            if (spec.variable) {
                return ConnectSchema.struct("scale", ConnectSchema.of(Type.INT32), "value",
                        ConnectSchema.of(Type.BYTES)).named("io.debezium.data.VariableScaleDecimal", 1)
                        .doc("Variable scaled decimal");
            }
            return ConnectSchema.of(Type.BYTES).named("org.apache.kafka.connect.data.Decimal", 1)
                    .param("scale", Integer.toString(spec.scale))
                    .param("connect.decimal.precision", Integer.toString(spec.precision));
        }
    }

    /** The Connect value of numeric text; NaN and the infinities only under {@code string} and {@code double}. */
    static Object value(String v, Spec spec, DecimalHandling mode, ConnectSchema s) {
        switch (v) {
        case "NaN":
            return special(mode, "NAN", Double.NaN);
        case "Infinity":
            return special(mode, "POSITIVE_INFINITY", Double.POSITIVE_INFINITY);
        case "-Infinity":
            return special(mode, "NEGATIVE_INFINITY", Double.NEGATIVE_INFINITY);
        default:
            return decimal(new BigDecimal(v), spec, mode, s);
        }
    }

    private static Object special(DecimalHandling mode, String name, double d) {
        switch (mode) {
        case STRING:
            return name;
        case DOUBLE:
            return d;
        default:
            throw new PgText.Unconvertible("special numeric under precise");
        }
    }

    static Object decimal(BigDecimal v, Spec spec, DecimalHandling mode, ConnectSchema s) {
        BigDecimal d = v;
        if (spec.scale > d.scale()) {
            d = d.setScale(spec.scale);
        }
        if (!spec.variable) {
            d = d.setScale(spec.scale);
        }
        if (spec.variable && mode == DecimalHandling.PRECISE) {
            d = d.stripTrailingZeros();
            if (d.scale() < 0) {
                d = d.setScale(0);
            }
            return new ConnectJson.Struct(s, new Object[] {d.scale(), d.unscaledValue().toByteArray()});
        }
        return encode(d, mode);
    }

    /** A decimal in {@code mode}: its plain text, a double, or the unscaled value's bytes (Connect's Decimal). */
    private static Object encode(BigDecimal d, DecimalHandling mode) {
        switch (mode) {
        case STRING:
            return d.toPlainString();
        case DOUBLE:
            return d.doubleValue();
        default:
            return d.unscaledValue().toByteArray();
        }
    }

    private static Object fallback(Spec spec, DecimalHandling mode, ConnectSchema s) {
        return decimal(BigDecimal.ZERO, spec, mode, s);
    }

    private static Object defaultOf(String e, Spec spec, DecimalHandling mode) {
        if (e.trim().startsWith("NULL::")) {
            return null;
        }
        if (spec.variable && mode == DecimalHandling.PRECISE) {
            return null; // a struct cannot be a default (Debezium leaves it out)
        }
        BigDecimal d = new BigDecimal(Defaults.literal(e, "0.0"));
        return decimal(d, spec, mode, null);
    }

    /** money: Decimal with {@code money.fraction.digits} (2), or a string or double. */
    static Codec money(DecimalHandling mode, int scale) {
        ConnectSchema s = mode == DecimalHandling.STRING ? ConnectSchema.of(Type.STRING)
                : mode == DecimalHandling.DOUBLE ? ConnectSchema.of(Type.FLOAT64)
                        : ConnectSchema.of(Type.BYTES).named("org.apache.kafka.connect.data.Decimal", 1)
                                .param("scale", Integer.toString(scale));
        BigDecimal zero = BigDecimal.ZERO.setScale(scale);
        Object fallback = mode == DecimalHandling.STRING ? zero.toString()
                : mode == DecimalHandling.DOUBLE ? zero.doubleValue() : zero.unscaledValue().toByteArray();
        return new Codec(s, (v, p) -> {
            if (p != Path.STREAM) {
                // the snapshot reads money through pgjdbc's PGmoney: a double
                double d = PgText.money(v).doubleValue();
                return mode == DecimalHandling.STRING ? Double.toString(d)
                        : mode == DecimalHandling.DOUBLE ? (Object) d
                                : BigDecimal.valueOf(d).setScale(scale, RoundingMode.HALF_UP).unscaledValue()
                                        .toByteArray();
            }
            BigDecimal d = PgText.money(v);
            return encode(mode == DecimalHandling.PRECISE ? d.setScale(scale, RoundingMode.HALF_UP) : d, mode);
        }, fallback, null, null);
    }
}
