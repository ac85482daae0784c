package dev.synapsebench.report.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synapsebench.model.Allocation;
import dev.synapsebench.model.Measurement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How {@code synapse compare} prints a {@link Comparison}: aligned text, Markdown for a pull request, or JSON. */
public enum ComparisonFormat {
    TEXT, MARKDOWN, JSON;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static ComparisonFormat parse(String name) {
        for (ComparisonFormat f : values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "'; use text, markdown or json");
    }

    public String render(Comparison c) {
        return switch (this) {
            case TEXT -> text(c);
            case MARKDOWN -> markdown(c);
            case JSON -> json(c);
        };
    }

    private static String text(Comparison c) {
        StringBuilder s = new StringBuilder(ComparisonCells.title(c)).append("\n\n");
        section(s, "Environment differences:", ComparisonCells.differences(c), "  ");
        section(s, "Warnings:", c.warnings(), "  ");
        List<List<String>> table = new ArrayList<>();
        table.add(ComparisonCells.COLUMNS);
        table.addAll(ComparisonCells.rows(c));
        int[] widths = new int[ComparisonCells.COLUMNS.size()];
        table.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        for (int r = 0; r < table.size(); r++) {
            List<String> row = table.get(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                boolean numeric = i >= 3 && i <= 6;
                String cell = row.get(i);
                line.append(numeric ? " ".repeat(widths[i] - cell.length()) + cell : cell + " ".repeat(widths[i] - cell.length()))
                        .append("  ");
            }
            s.append(line.toString().stripTrailing()).append('\n');
            if (r == 0) {
                s.append("-".repeat(line.toString().stripTrailing().length())).append('\n');
            }
        }
        s.append('\n').append(ComparisonCells.summary(c)).append('\n');
        section(s, "\nOnly in the base run:", c.onlyInBase().stream().map(Measurement.Key::toString).toList(), "  ");
        section(s, "\nOnly in the new run:", c.onlyInCandidate().stream().map(Measurement.Key::toString).toList(), "  ");
        s.append('\n').append(ComparisonCells.rule(c)).append('\n');
        return s.toString();
    }

    private static String markdown(Comparison c) {
        StringBuilder s = new StringBuilder("### ").append(ComparisonCells.title(c)).append("\n\n");
        section(s, "**Environment differences**\n", ComparisonCells.differences(c), "- ");
        section(s, "**Warnings**\n", c.warnings(), "- ");
        s.append('|').append(String.join("|", ComparisonCells.COLUMNS)).append("|\n|");
        for (int i = 0; i < ComparisonCells.COLUMNS.size(); i++) {
            s.append(i >= 3 && i <= 6 ? "---:|" : "---|");
        }
        s.append('\n');
        for (List<String> row : ComparisonCells.rows(c)) {
            List<String> cells = new ArrayList<>(row);
            String verdict = cells.get(7);
            if (verdict.equals("slower") || verdict.equals("faster")) {
                cells.set(7, "**" + verdict + "**");
            }
            s.append('|').append(String.join("|", cells)).append("|\n");
        }
        s.append('\n').append(ComparisonCells.summary(c)).append("\n\n");
        section(s, "**Only in the base run**\n", c.onlyInBase().stream().map(Measurement.Key::toString).toList(), "- ");
        section(s, "**Only in the new run**\n", c.onlyInCandidate().stream().map(Measurement.Key::toString).toList(), "- ");
        s.append("<sub>").append(ComparisonCells.rule(c)).append("</sub>\n");
        return s.toString();
    }

    private static void section(StringBuilder s, String heading, List<String> lines, String bullet) {
        if (lines.isEmpty()) {
            return;
        }
        s.append(heading).append('\n');
        lines.forEach(line -> s.append(bullet).append(line).append('\n'));
        s.append('\n');
    }

    private static String json(Comparison c) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("base", c.base().name()).put("new", c.candidate().name());
        root.putObject("rule").put("threshold", c.rule().threshold()).put("confidence", c.rule().confidence())
                .put("alpha", c.rule().alpha()).put("text", ComparisonCells.rule(c));
        ObjectNode noise = root.putObject("runToRunNoise").put("rows", c.noise().rows()).put("measured", c.noise().measured());
        if (c.noise().measured()) {
            noise.put("logSpread", c.noise().logSpread()).put("logWithin", c.noise().logWithin())
                    .put("logExtra", c.noise().logExtra());
        }
        ArrayNode rows = root.putArray("rows");
        for (Comparison.Row row : c.rows()) {
            Measurement.Key key = row.key();
            VerdictRule.RowVerdict v = row.verdict();
            ObjectNode node = rows.addObject();
            node.put("benchmark", key.benchmark()).put("backend", key.backend()).put("network", key.network());
            ObjectNode params = node.putObject("params");
            key.otherParams().forEach(params::put);
            node.put("unit", row.base().unit()).put("base", row.base().score()).put("new", row.candidate().score())
                    .put("baseError", row.base().error()).put("newError", row.candidate().error())
                    .put("ratio", v.ratio()).put("ratioLow", v.ratioLow()).put("ratioHigh", v.ratioHigh())
                    .put("pValue", v.pValue()).put("verdict", v.verdict().label()).put("detectable", v.detectable())
                    .put("baseSamples", row.base().samples().length).put("newSamples", row.candidate().samples().length);
            ObjectNode allocation = node.putObject("allocation");
            allocation.put("change", row.allocation().kind().name().toLowerCase(Locale.ROOT));
            putAllocation(allocation, "base", row.base().allocation());
            putAllocation(allocation, "new", row.candidate().allocation());
        }
        c.onlyInBase().forEach(k -> root.withArray("onlyInBase").add(k.toString()));
        c.onlyInCandidate().forEach(k -> root.withArray("onlyInNew").add(k.toString()));
        ArrayNode differences = root.putArray("environmentDifferences");
        c.differences().forEach(d -> differences.addObject().put("aspect", d.aspect()).put("base", d.base())
                .put("new", d.candidate()).put("breaksComparison", d.breaksComparison()));
        ArrayNode warnings = root.putArray("warnings");
        c.warnings().forEach(warnings::add);
        root.putObject("summary").put("faster", c.count(Verdict.FASTER)).put("slower", c.count(Verdict.SLOWER))
                .put("same", c.count(Verdict.SAME)).put("inconclusive", c.count(Verdict.INCONCLUSIVE))
                .put("allocationRegressions", c.rows().stream().filter(r -> r.allocation().isRegression()).count());
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putAllocation(ObjectNode node, String side, Allocation allocation) {
        if (Double.isFinite(allocation.bytesPerOp())) {
            node.put(side, allocation.bytesPerOp()).put(side + "Metric", allocation.metric());
        } else {
            node.putNull(side);
        }
    }
}
