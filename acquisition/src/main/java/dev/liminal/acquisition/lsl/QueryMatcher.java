package dev.liminal.acquisition.lsl;

import dev.liminal.datasets.RecordingFormatException;
import dev.liminal.datasets.xml.SafeXml;
import org.w3c.dom.Element;

import javax.xml.XMLConstants;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import javax.xml.xpath.XPathFactoryConfigurationException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Evaluates resolver queries against one outlet's full info document as liblsl does
 * (LSL-PROTOCOL.md section 4.2): an XPath 1.0 boolean with {@code <info>} as context node; an
 * empty query matches; an invalid one does not. Results are cached per query text.
 *
 * <p>Thread-safe (all methods synchronized; XPath objects are not thread-safe).
 */
final class QueryMatcher {
    /** Longest query evaluated, in characters; longer ones never match. */
    static final int MAX_QUERY_CHARS = 4096;
    private static final int CACHE_ENTRIES = 128;

    private final Element info;
    private final XPath xpath;
    private final Map<String, Boolean> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    QueryMatcher(LslStreamInfo fullInfo) {
        try {
            this.info = SafeXml.parse(fullInfo.toFullInfoXml(), Path.of("outlet-info"), 0).getDocumentElement();
        } catch (RecordingFormatException e) {
            throw new IllegalStateException("own info does not parse: " + e.getMessage(), e);
        }
        XPathFactory factory = XPathFactory.newInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (XPathFactoryConfigurationException e) {
            throw new IllegalStateException("XPath secure processing unavailable", e);
        }
        this.xpath = factory.newXPath();
    }

    synchronized boolean matches(String query) {
        String q = query.trim();
        if (q.isEmpty()) return true;
        if (q.length() > MAX_QUERY_CHARS) return false;
        Boolean cached = cache.get(q);
        if (cached != null) return cached;
        boolean result;
        try {
            result = (Boolean) xpath.evaluate(q, info, XPathConstants.BOOLEAN);
        } catch (XPathExpressionException | RuntimeException e) {
            result = false;
        }
        cache.put(q, result);
        return result;
    }

    /** An XPath string literal for {@code value} (XPath 1.0 has no escapes; pick the quote). */
    static String literal(String value) {
        if (value.indexOf('\'') < 0) return "'" + value + "'";
        if (value.indexOf('"') < 0) return "\"" + value + "\"";
        StringBuilder sb = new StringBuilder("concat(");
        String[] parts = value.split("'", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) sb.append(", \"'\", ");
            sb.append('\'').append(parts[i]).append('\'');
        }
        return sb.append(')').toString();
    }
}
