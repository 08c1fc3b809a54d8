package dev.liminal.datasets.xml;

import dev.liminal.datasets.RecordingFormatException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses XML from untrusted files into a DOM with every dangerous feature off: a document
 * type declaration is rejected outright ({@code disallow-doctype-decl}), so neither external
 * entities (XXE) nor entity expansion ("billion laughs") can happen; external DTD and schema
 * access is empty; {@link XMLConstants#FEATURE_SECURE_PROCESSING} is on; XInclude is off.
 *
 * <p>Thread-safe: every call builds its own parser (a {@link DocumentBuilder} is not
 * thread-safe); the factory is configured once and only read afterwards.
 */
public final class SafeXml {
    private static final System.Logger LOG = System.getLogger(SafeXml.class.getName());
    private static final DocumentBuilderFactory FACTORY = newFactory();
    /**
     * Deepest element nesting accepted. Recording headers nest a handful of levels (XDF:
     * info/desc/channels/channel/label); the limit keeps recursive walks of the DOM, such as
     * {@link #serialize}, far from the thread's stack size.
     */
    public static final int MAX_ELEMENT_DEPTH = 64;
    /** The JDK parser property for {@link #MAX_ELEMENT_DEPTH} (java.xml module summary). */
    private static final String JDK_MAX_ELEMENT_DEPTH = "jdk.xml.maxElementDepth";

    private SafeXml() {}

    /**
     * Parses UTF-8 (or declared-encoding) XML bytes.
     *
     * @param xml        Not modified: the XML text
     * @param file       the file the XML came from, for the error message
     * @param byteOffset where the XML (or the chunk holding it) starts in {@code file}
     * @throws RecordingFormatException naming file and offset when the XML is malformed or
     *                                  hostile (a DOCTYPE, an entity declaration)
     */
    public static Document parse(byte[] xml, Path file, long byteOffset) throws RecordingFormatException {
        return parse(new InputSource(new ByteArrayInputStream(xml)), file, byteOffset);
    }

    /** Parses XML text; see {@link #parse(byte[], Path, long)}. */
    public static Document parse(String xml, Path file, long byteOffset) throws RecordingFormatException {
        return parse(new InputSource(new StringReader(xml)), file, byteOffset);
    }

    private static Document parse(InputSource source, Path file, long byteOffset) throws RecordingFormatException {
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity '" + systemId + "' refused");
            });
            builder.setErrorHandler(SILENT);
            return builder.parse(source);
        } catch (SAXException e) {
            throw new RecordingFormatException(file, byteOffset, "XML rejected: " + oneLine(e), e);
        } catch (ParserConfigurationException | IOException e) {
            throw new RecordingFormatException(file, byteOffset, "XML unreadable: " + oneLine(e), e);
        }
    }

    /**
     * The text of the first direct child element named {@code name}, trimmed, or {@code ""}
     * when there is none.
     */
    public static String childText(Element parent, String name) {
        Element child = child(parent, name);
        return child == null ? "" : child.getTextContent().trim();
    }

    /** The first direct child element named {@code name}, or null. */
    public static Element child(Element parent, String name) {
        if (parent == null) return null;
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE && n.getNodeName().equals(name)) return (Element) n;
        }
        return null;
    }

    /** Every direct child element (any name), in document order. */
    public static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        if (parent == null) return out;
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) out.add((Element) n);
        }
        return out;
    }

    /** Whether the element has no child elements (only text). */
    public static boolean isLeaf(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) return false;
        }
        return true;
    }

    /**
     * Serialises a node (element, text, CDATA, comment) back to XML text, escaping text and
     * attribute values. Used to keep a header's {@code desc} element verbatim.
     */
    public static String serialize(Node node) {
        StringBuilder sb = new StringBuilder();
        append(sb, node);
        return sb.toString();
    }

    /** Escapes {@code & < > " '} for use in XML text or attribute values. */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&': sb.append("&amp;"); break;
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '"': sb.append("&quot;"); break;
                case '\'': sb.append("&apos;"); break;
                default:
                    // XML 1.0 forbids most control characters even as references; drop them
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
                    sb.append(c);
            }
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, Node node) {
        switch (node.getNodeType()) {
            case Node.ELEMENT_NODE: {
                sb.append('<').append(node.getNodeName());
                NamedNodeMap attrs = node.getAttributes();
                for (int i = 0; i < attrs.getLength(); i++) {
                    Node a = attrs.item(i);
                    sb.append(' ').append(a.getNodeName()).append("=\"").append(escape(a.getNodeValue())).append('"');
                }
                if (node.getFirstChild() == null) {
                    sb.append("/>");
                    return;
                }
                sb.append('>');
                for (Node n = node.getFirstChild(); n != null; n = n.getNextSibling()) append(sb, n);
                sb.append("</").append(node.getNodeName()).append('>');
                return;
            }
            case Node.TEXT_NODE:
            case Node.CDATA_SECTION_NODE:
                sb.append(escape(node.getNodeValue()));
                return;
            case Node.COMMENT_NODE:
                sb.append("<!--").append(node.getNodeValue()).append("-->");
                return;
            default:
                // processing instructions and the like carry nothing a recording needs
        }
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof SAXParseException p && p.getLineNumber() > 0) {
            m = "line " + p.getLineNumber() + " column " + p.getColumnNumber() + ": " + m;
        }
        return m.replaceAll("\\s+", " ").trim();
    }

    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            LOG.log(System.Logger.Level.DEBUG, "XML warning: {0}", e.getMessage());
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private static DocumentBuilderFactory newFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser refuses a safety feature: " + e.getMessage(), e);
        }
        f.setAttribute(JDK_MAX_ELEMENT_DEPTH, Integer.toString(MAX_ELEMENT_DEPTH));
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        f.setValidating(false);
        return f;
    }
}
