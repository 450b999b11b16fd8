package io.walscope.ui.chart;

import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.text.SimpleDateFormat;

import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.data.RangeType;

import io.walscope.core.check.Bytes;

/** Axes Walscope's charts share: time of day, bytes in binary units ({@code 512 MiB}), plain counts. */
public final class Axes {
    private Axes() {
    }

    /** Time of day, ticks on whole seconds, minutes or hours (never two ticks with the same label). */
    public static DateAxis time() {
        DateAxis a = new DateAxis();
        TickUnits units = new TickUnits();
        SimpleDateFormat seconds = new SimpleDateFormat("HH:mm:ss");
        SimpleDateFormat minutes = new SimpleDateFormat("HH:mm");
        for (int n : new int[] {1, 2, 5, 10, 15, 30}) {
            units.add(new DateTickUnit(DateTickUnitType.SECOND, n, seconds));
            units.add(new DateTickUnit(DateTickUnitType.MINUTE, n, minutes));
        }
        for (int n : new int[] {1, 2, 3, 6, 12}) {
            units.add(new DateTickUnit(DateTickUnitType.HOUR, n, minutes));
        }
        a.setStandardTickUnits(units);
        a.setLowerMargin(0);
        a.setUpperMargin(0);
        return a;
    }

    /** A byte axis whose ticks fall on 1, 2, 4 or 5 times a power of 1024 and print as {@code 1.5 GiB}. */
    public static NumberAxis bytes(String label) {
        NumberAxis a = new NumberAxis(label);
        TickUnits units = new TickUnits();
        NumberFormat f = new BytesFormat();
        for (long unit = 1; unit <= (1L << 50); unit *= 1024) {
            for (int m : new int[] {1, 2, 4, 5, 8, 10, 16, 20, 25, 32, 50, 64, 100, 128, 200, 256, 500, 512}) {
                units.add(new NumberTickUnit((double) unit * m, f));
            }
        }
        a.setStandardTickUnits(units);
        a.setNumberFormatOverride(f);
        a.setAutoRangeIncludesZero(true);
        a.setAutoRangeMinimumSize(1024);
        a.setRangeType(RangeType.POSITIVE);
        return a;
    }

    /** A count axis ({@code changes/s}), from zero. */
    public static NumberAxis count(String label) {
        NumberAxis a = new NumberAxis(label);
        a.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        a.setAutoRangeIncludesZero(true);
        a.setAutoRangeMinimumSize(10);
        a.setRangeType(RangeType.POSITIVE);
        return a;
    }

    /** Seconds, from zero, at least one second tall ({@code 0.5}, not {@code 5E-9}). */
    public static NumberAxis seconds(String label) {
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(true);
        a.setAutoRangeMinimumSize(1);
        a.setRangeType(RangeType.POSITIVE);
        a.setNumberFormatOverride(new DecimalFormat("0.##"));
        return a;
    }

    /** Prints byte counts as {@link Bytes#pretty}. */
    static final class BytesFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
            return toAppendTo.append(Bytes.pretty(Math.round(number)));
        }

        @Override
        public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
            return toAppendTo.append(Bytes.pretty(number));
        }

        @Override
        public Number parse(String source, ParsePosition parsePosition) {
            return null;
        }
    }
}
