package br.com.podcartoes.lake.athena;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads back what a generated CREATE TABLE declares, to compare it with other sources. */
final class AthenaDdlText {
    private static final Pattern COLUMN = Pattern.compile("^  `([a-z0-9_]+)` (\\S+) COMMENT '", Pattern.MULTILINE);

    private AthenaDdlText() {}

    /** {@code name type} of every column, data columns then partition columns, in declaration order. */
    static List<String> columns(String ddl) {
        List<String> out = new ArrayList<>();
        Matcher m = COLUMN.matcher(ddl);
        while (m.find()) {
            out.add(m.group(1) + " " + m.group(2));
        }
        return out;
    }

    static String location(String ddl) {
        Matcher m = Pattern.compile("^LOCATION '([^']*)'$", Pattern.MULTILINE).matcher(ddl);
        if (!m.find()) {
            throw new AssertionError("no LOCATION in\n" + ddl);
        }
        return m.group(1);
    }

    static String property(String ddl, String key) {
        Matcher m = Pattern.compile("'" + Pattern.quote(key) + "' = '([^']*)'").matcher(ddl);
        if (!m.find()) {
            throw new AssertionError("no property " + key + " in\n" + ddl);
        }
        return m.group(1);
    }
}
