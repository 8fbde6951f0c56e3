import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;
import org.verapdf.pdfa.validation.profiles.RuleId;
import org.verapdf.pdfa.validation.validators.ValidatorFactory;

/**
 * Validates PDFs against PDF/UA-1 with the veraPDF engine, all in one JVM (start-up is slow).
 *
 * <p>Usage: java -cp ... PdfUaCheck FILE... Prints one JSON object per file, one per line:
 * {"file": ..., "compliant": true|false, "failures": [{"clause", "test", "count",
 * "description"}]} or {"file": ..., "error": ...} when the file cannot be parsed. Exit code 0
 * whenever every file was read, whatever the verdicts: the caller judges them.
 */
public final class PdfUaCheck {
    private PdfUaCheck() {}

    public static void main(String[] args) {
        VeraGreenfieldFoundryProvider.initialise();
        int unreadable = 0;
        for (String path : args) {
            String line;
            try {
                line = check(new File(path));
            } catch (Exception | LinkageError e) {
                unreadable++;
                line = "{\"file\": " + quote(path) + ", \"error\": " + quote(e.toString()) + "}";
            }
            System.out.println(line);
            System.out.flush();
        }
        System.exit(unreadable == 0 ? 0 : 2);
    }

    private static String check(File file) throws Exception {
        ValidationResult result;
        try (PDFAParser parser = Foundries.defaultInstance().createParser(file, PDFAFlavour.PDFUA_1)) {
            // false: keep only failed assertions; -1: no cap, so the counts are every failed check.
            PDFAValidator validator = ValidatorFactory.createValidator(PDFAFlavour.PDFUA_1, false, -1);
            result = validator.validate(parser);
        }
        Map<String, String> descriptions = new TreeMap<>();
        for (TestAssertion assertion : result.getTestAssertions()) {
            if (assertion.getStatus() == TestAssertion.Status.FAILED) {
                descriptions.putIfAbsent(key(assertion.getRuleId()), assertion.getMessage());
            }
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (Map.Entry<RuleId, Integer> failed : result.getFailedChecks().entrySet()) {
            counts.merge(key(failed.getKey()), failed.getValue(), Integer::sum);
        }
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            String[] parts = entry.getKey().split(" ");
            failures.add("{\"clause\": " + quote(parts[0]) + ", \"test\": " + parts[1]
                + ", \"count\": " + entry.getValue()
                + ", \"description\": " + quote(descriptions.getOrDefault(entry.getKey(), "")) + "}");
        }
        return "{\"file\": " + quote(file.getPath()) + ", \"compliant\": " + result.isCompliant()
            + ", \"failures\": [" + String.join(", ", failures) + "]}";
    }

    private static String key(RuleId rule) {
        return rule.getClause() + " " + rule.getTestNumber();
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : (text == null ? "" : text).toCharArray()) {
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }
}
