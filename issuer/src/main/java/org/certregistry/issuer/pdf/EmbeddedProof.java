package org.certregistry.issuer.pdf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.Map;

import javax.xml.transform.TransformerException;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.AdobePDFSchema;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.type.BadFieldValueException;
import org.apache.xmpbox.xml.XmpSerializer;

/**
 * What makes the PDF carry its own proof and stay byte-for-byte stable: the signed credential as
 * a PDF/A-3 associated file ({@value #ATTACHMENT_NAME}, {@value #ATTACHMENT_MEDIA_TYPE},
 * AFRelationship Source, listed in the EmbeddedFiles name tree), XMP and document information
 * naming the certificate, and fixed dates and document id taken from the credential.
 */
final class EmbeddedProof {

    static final String ATTACHMENT_NAME = "credential.jwt";
    static final String ATTACHMENT_MEDIA_TYPE = "application/jwt";
    static final String PRODUCER = "Certificate registry (openhtmltopdf, PDFBox)";

    private EmbeddedProof() {
    }

    /**
     * Text the metadata states, already made printable, and worded in the document's language.
     *
     * @param language the document's language tag, as the catalog's {@code /Lang} and XMP's {@code dc:language}
     * @param attachmentDescription what the attached credential is, for the viewer's list of attachments
     */
    record Facts(String title, String subject, String holderName, String number, String awardingBody, String programName,
            String language, String attachmentDescription, String credentialJwt, Calendar issued) {
    }

    static void apply(PDDocument document, Facts facts) throws IOException {
        PDDocumentCatalog catalog = document.getDocumentCatalog();
        attach(document, catalog, facts);

        // the language PDF/UA asks of the document (the template's lang attribute gives it too; this makes it certain)
        catalog.setLanguage(facts.language());
        String subject = facts.subject();
        String keywords = facts.number() + ", " + facts.programName();
        PDDocumentInformation info = new PDDocumentInformation();
        info.setTitle(facts.title());
        info.setAuthor(facts.awardingBody());
        info.setSubject(subject);
        info.setKeywords(keywords);
        info.setCreator(PRODUCER);
        info.setProducer(PRODUCER);
        info.setCreationDate(facts.issued());
        info.setModificationDate(facts.issued());
        document.setDocumentInformation(info);

        XMPMetadata xmp = XMPMetadata.createXMPMetadata();
        DublinCoreSchema dc = xmp.createAndAddDublinCoreSchema();
        dc.setTitle(facts.title());
        dc.addCreator(facts.awardingBody());
        dc.setDescription(subject);
        dc.setIdentifier(facts.number());
        dc.addSubject(facts.number());
        dc.addSubject(facts.holderName());
        dc.addSubject(facts.programName());
        dc.setFormat("application/pdf");
        dc.addLanguage(facts.language());
        AdobePDFSchema pdf = xmp.createAndAddAdobePDFSchema();
        pdf.setProducer(PRODUCER);
        pdf.setKeywords(keywords);
        XMPBasicSchema basic = xmp.createAndAddXMPBasicSchema();
        basic.setCreatorTool(PRODUCER);
        basic.setCreateDate(facts.issued());
        basic.setModifyDate(facts.issued());
        basic.setMetadataDate(facts.issued());
        PDFAIdentificationSchema pdfa = xmp.createAndAddPDFAIdentificationSchema();
        try {
            pdfa.setPart(3);
            pdfa.setConformance("B");
        }
        catch (BadFieldValueException ex) {
            throw new IllegalStateException(ex);
        }
        ByteArrayOutputStream serialized = new ByteArrayOutputStream();
        try {
            new XmpSerializer().serialize(xmp, serialized, true);
        }
        catch (TransformerException ex) {
            throw new IOException("Cannot write the XMP metadata", ex);
        }
        PDMetadata metadata = new PDMetadata(document);
        metadata.importXMPMetadata(withPdfUaIdentification(serialized.toString(StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8));
        catalog.setMetadata(metadata);

        // A document id derived from the credential: same version, same id, same bytes.
        byte[] id = Arrays.copyOf(sha256(facts.credentialJwt()), 16);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        document.getDocument().setDocumentID(ids);
    }

    /**
     * The PDF/UA identification ({@code pdfuaid:part 1}) and, because PDF/A admits only described
     * schemas, its PDF/A extension-schema description. xmpbox has no type for either, so the two
     * standard RDF descriptions are added to the serialized packet as text.
     */
    private static String withPdfUaIdentification(String xmp) {
        String ua = "<rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" "
                + "xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">"
                + "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">"
                + "<pdfaSchema:schema>PDF/UA identification schema</pdfaSchema:schema>"
                + "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"
                + "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"
                + "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">"
                + "<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>"
                + "<pdfaProperty:category>internal</pdfaProperty:category>"
                + "<pdfaProperty:description>Part of ISO 14289 the document conforms to</pdfaProperty:description>"
                + "</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>"
                + "<rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">"
                + "<pdfuaid:part>1</pdfuaid:part></rdf:Description>";
        int end = xmp.lastIndexOf("</rdf:RDF>");
        if (end < 0) {
            throw new IllegalStateException("The XMP packet has no rdf:RDF element");
        }
        return xmp.substring(0, end) + ua + xmp.substring(end);
    }

    private static void attach(PDDocument document, PDDocumentCatalog catalog, Facts facts) throws IOException {
        byte[] jwt = facts.credentialJwt().getBytes(StandardCharsets.US_ASCII);
        PDEmbeddedFile file = new PDEmbeddedFile(document, new ByteArrayInputStream(jwt), COSName.FLATE_DECODE);
        file.setSubtype(ATTACHMENT_MEDIA_TYPE);
        file.setSize(jwt.length);
        file.setCreationDate(facts.issued());
        file.setModDate(facts.issued());

        PDComplexFileSpecification spec = new PDComplexFileSpecification();
        spec.setFile(ATTACHMENT_NAME);
        spec.setFileUnicode(ATTACHMENT_NAME);
        spec.setEmbeddedFile(file);
        spec.setEmbeddedFileUnicode(file);
        spec.setFileDescription(facts.attachmentDescription());
        spec.getCOSObject().setItem(COSName.getPDFName("AFRelationship"), COSName.getPDFName("Source"));

        PDEmbeddedFilesNameTreeNode leaf = new PDEmbeddedFilesNameTreeNode();
        leaf.setNames(Map.of(ATTACHMENT_NAME, spec));
        PDEmbeddedFilesNameTreeNode root = new PDEmbeddedFilesNameTreeNode();
        root.setKids(List.of(leaf));
        PDDocumentNameDictionary names = new PDDocumentNameDictionary(catalog);
        names.setEmbeddedFiles(root);
        catalog.setNames(names);

        COSArray associated = new COSArray();
        associated.add(spec);
        catalog.getCOSObject().setItem(COSName.getPDFName("AF"), associated);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
