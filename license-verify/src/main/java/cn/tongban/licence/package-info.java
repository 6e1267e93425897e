/**
 * Tongban license-verify module. {@link cn.tongban.licence.DocumentVerifiers} is the entry: it sniffs a document
 * and hands it to the PDF ({@code pdf}), OFD ({@code ofd}) or seal-file ({@code seal}) verifier, which report in the
 * model of {@code report} using the shared trust and licence rules of {@code verify}.
 */
package cn.tongban.licence;
