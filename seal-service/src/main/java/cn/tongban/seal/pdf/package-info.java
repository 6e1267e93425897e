/**
 * PDF seal stamps: {@link cn.tongban.seal.pdf.PdfStamper} draws the seal picture as a signature appearance and
 * signs PAdES B-B (ETSI.CAdES.detached) with the seal in a signed CMS attribute ({@link cn.tongban.seal.pdf.SealAttribute});
 * {@link cn.tongban.seal.pdf.PdfSealVerifier} checks the seal-specific part. PDFBox stays inside this package.
 */
package cn.tongban.seal.pdf;
