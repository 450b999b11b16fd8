package io.walscope.core.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/** An immutable tuple whose values are kept as canonical JSON text. */
public final class RenderedTuple implements Tuple {
    private static final JsonFactory JSON = new JsonFactory();
    private final String[] names;
    private final int[] states;
    private final String[] json;
    private final String[] texts;

    private RenderedTuple(String[] names, int[] states, String[] json, String[] texts) {
        this.names = names;
        this.states = states;
        this.json = json;
        this.texts = texts;
    }

    /** Renders every value of {@code t}. */
    public static RenderedTuple of(Tuple t) {
        if (t instanceof RenderedTuple r) {
            return r;
        }
        int n = t.size();
        String[] names = new String[n];
        int[] states = new int[n];
        String[] json = new String[n];
        String[] texts = null;
        for (int i = 0; i < n; i++) {
            names[i] = t.name(i);
            states[i] = t.state(i);
            json[i] = states[i] == VALUE ? render(t, i) : states[i] == NULL ? "null" : null;
            String text = states[i] == VALUE ? t.text(i) : null;
            if (text != null) {
                if (texts == null) {
                    texts = new String[n];
                }
                texts[i] = text;
            }
        }
        return new RenderedTuple(names, states, json, texts);
    }

    /** A tuple of given names, states and JSON texts (for tests and for sources that render themselves). */
    public static RenderedTuple of(List<String> names, int[] states, List<String> json) {
        return of(names, states, json, null);
    }

    /** As {@link #of(List, int[], List)}, with PostgreSQL's text of each value ({@code texts} or items may be null). */
    public static RenderedTuple of(List<String> names, int[] states, List<String> json, List<String> texts) {
        return new RenderedTuple(names.toArray(String[]::new), states.clone(), json.toArray(String[]::new),
                texts == null ? null : texts.toArray(String[]::new));
    }

    static String render(Tuple t, int i) {
        if (t.state(i) == NULL) {
            return "null";
        }
        if (t.state(i) == UNCHANGED_TOAST) {
            return null;
        }
        java.io.StringWriter w = new java.io.StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            t.writeValue(i, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public String name(int i) {
        return names[i];
    }

    @Override
    public int state(int i) {
        return states[i];
    }

    @Override
    public void writeValue(int i, JsonGenerator out) throws IOException {
        if (states[i] == NULL) {
            out.writeNull();
        } else {
            out.writeRawValue(json[i]);
        }
    }

    @Override
    public String json(int i) {
        return json[i];
    }

    @Override
    public String text(int i) {
        return texts == null ? null : texts[i];
    }

    @Override
    public Tuple copy() {
        return this;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            if (states[i] == UNCHANGED_TOAST) {
                continue;
            }
            b.append(b.length() > 1 ? ", " : "").append(names[i]).append('=').append(json[i]);
        }
        return b.append('}').toString();
    }

}
