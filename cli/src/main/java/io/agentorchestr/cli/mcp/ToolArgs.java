package io.agentorchestr.cli.mcp;

import io.agentorchestr.cli.mcp.ToolCalls.Param;
import io.agentorchestr.core.goal.ToolError;
import io.agentorchestr.core.text.PlainText;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * A call's arguments, checked against the tool's parameters before the tool acts: no unknown names,
 * the declared type (a number written as a string is read, a fraction or a word is not), integers in
 * range, and text that no file or process could carry (NUL, lone surrogates, control characters) or
 * that is too long refused. Each problem is a tool error that names the argument and the fix.
 */
final class ToolArgs {
    static final int MAX_LIST_ITEMS = 100;

    private final String tool;
    private final Map<String, Object> values;

    private ToolArgs(String tool, Map<String, Object> values) {
        this.tool = tool;
        this.values = values;
    }

    static ToolArgs checked(String tool, List<Param> params, Map<String, Object> values) {
        for (String given : values.keySet()) {
            if (params.stream().noneMatch(p -> p.name().equals(given))) {
                throw new ToolError(tool + " has no argument " + shown(given) + "; "
                        + (params.isEmpty() ? "it takes none" : "it takes: "
                        + String.join(", ", params.stream().map(Param::name).toList())));
            }
        }
        ToolArgs args = new ToolArgs(tool, values);
        for (Param p : params) {
            Object v = values.get(p.name());
            if (v == null) {
                if (p.required()) {
                    throw new ToolError(tool + " needs the argument '" + p.name() + "' (" + p.type() + ")");
                }
                continue;
            }
            switch (p.type()) {
                case "string" -> args.text(p, v);
                case "integer" -> args.integer(p, v);
                case "string[]" -> args.strings(p, v);
                case "boolean" -> args.bool(p, v);
                case "object[]" -> args.objects(p, v);
                default -> throw new IllegalStateException("unknown parameter type " + p.type());
            }
        }
        return args;
    }

    /** A required text argument (checked: present, a string, not blank). */
    String string(String name) {
        return (String) values.get(name);
    }

    String optString(String name) {
        Object v = values.get(name);
        return v == null || v.toString().isBlank() ? null : v.toString();
    }

    int optInt(String name, int fallback) {
        Object v = values.get(name);
        return v == null ? fallback : asLong(v).intValue();
    }

    long optLong(String name, long fallback) {
        Object v = values.get(name);
        return v == null ? fallback : asLong(v);
    }

    boolean optBool(String name, boolean fallback) {
        Object v = values.get(name);
        return v == null ? fallback : v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString().strip());
    }

    List<String> optStrings(String name) {
        Object v = values.get(name);
        if (v == null) {
            return List.of();
        }
        if (v instanceof String s) {
            return s.isBlank() ? List.of() : List.of(s.strip().split("\\s*,\\s*"));
        }
        return ((List<?>) v).stream().map(String.class::cast).toList();
    }

    private void text(Param p, Object v) {
        if (!(v instanceof String s)) {
            throw new ToolError(tool + ": '" + p.name() + "' must be a string, not " + kind(v));
        }
        if (p.required() && s.isBlank()) {
            throw new ToolError(tool + ": '" + p.name() + "' is empty; " + p.doc());
        }
        PlainText.problem(tool + ": '" + p.name() + "'", s, p.maxChars()).ifPresent(problem -> {
            throw new ToolError(problem);
        });
    }

    private void integer(Param p, Object v) {
        Long n = asLong(v);
        if (n == null) {
            throw new ToolError(tool + ": '" + p.name() + "' must be a whole number" + rangeText(p) + ", not "
                    + shown(v));
        }
        if (n < p.min() || n > p.max()) {
            throw new ToolError(tool + ": '" + p.name() + "' must be" + rangeText(p) + ", not " + shown(v));
        }
    }

    /** true or false; the strings "true" and "false" are read too, as numbers written as strings are. */
    private void bool(Param p, Object v) {
        if (!(v instanceof Boolean) && !(v instanceof String s && s.strip().matches("true|false"))) {
            throw new ToolError(tool + ": '" + p.name() + "' must be true or false, not " + shown(v));
        }
    }

    private void strings(Param p, Object v) {
        List<?> items;
        if (v instanceof String s) {
            items = List.of(s);
        } else if (v instanceof List<?> list) {
            items = list;
        } else {
            throw new ToolError(tool + ": '" + p.name() + "' must be a list of strings, not " + kind(v));
        }
        if (items.size() > MAX_LIST_ITEMS) {
            throw new ToolError(tool + ": '" + p.name() + "' has " + items.size() + " items; the limit is "
                    + MAX_LIST_ITEMS);
        }
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (!(item instanceof String s)) {
                throw new ToolError(tool + ": '" + p.name() + "' must be a list of strings; item " + i + " is "
                        + kind(item));
            }
            PlainText.problem(tool + ": '" + p.name() + "' item " + i, s, p.maxChars()).ifPresent(problem -> {
                throw new ToolError(problem);
            });
        }
    }

    /** A list of objects, each checked against the parameter's fields as a tool's arguments are. */
    private void objects(Param p, Object v) {
        if (!(v instanceof List<?> items)) {
            throw new ToolError(tool + ": '" + p.name() + "' must be a list of objects, not " + kind(v));
        }
        if (items.size() > MAX_LIST_ITEMS) {
            throw new ToolError(tool + ": '" + p.name() + "' has " + items.size() + " items; the limit is "
                    + MAX_LIST_ITEMS);
        }
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map<?, ?> item)) {
                throw new ToolError(tool + ": '" + p.name() + "' must be a list of objects; item " + i + " is "
                        + kind(items.get(i)));
            }
            Map<String, Object> fields = new java.util.LinkedHashMap<>();
            item.forEach((k, value) -> fields.put(String.valueOf(k), value));
            checked(tool + ": '" + p.name() + "' item " + i, p.fields(), fields);
        }
    }

    /** The objects of a list argument, each as arguments of its own (empty when not given). */
    List<ToolArgs> optObjects(String name) {
        Object v = values.get(name);
        if (v == null) {
            return List.of();
        }
        List<ToolArgs> out = new java.util.ArrayList<>();
        for (Object item : (List<?>) v) {
            Map<String, Object> fields = new java.util.LinkedHashMap<>();
            ((Map<?, ?>) item).forEach((k, value) -> fields.put(String.valueOf(k), value));
            out.add(new ToolArgs(tool + ": '" + name + "'", fields));
        }
        return out;
    }

    /** The value as a whole number, or null: integers, integral decimals and decimal strings are read. */
    private static Long asLong(Object v) {
        try {
            if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                return ((Number) v).longValue();
            }
            if (v instanceof BigInteger b) {
                return b.longValueExact();
            }
            if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
                return new BigDecimal(v.toString()).longValueExact();
            }
            if (v instanceof String s && s.strip().matches("[+-]?\\d{1,19}")) {
                return Long.parseLong(s.strip());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static String rangeText(Param p) {
        return p.min() == Long.MIN_VALUE ? "" : " from " + p.min() + " to " + p.max();
    }

    private static String kind(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Number) {
            return "a number";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof List) {
            return "a list";
        }
        if (v instanceof Map) {
            return "an object";
        }
        return "a " + v.getClass().getSimpleName();
    }

    /** A value for a message: short, and free of anything a terminal or log would act on. */
    private static String shown(Object v) {
        String s = v instanceof String str ? "'" + str + "'" : String.valueOf(v);
        s = io.agentorchestr.core.text.TerminalText.safe(s).replace('\n', ' ');
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
