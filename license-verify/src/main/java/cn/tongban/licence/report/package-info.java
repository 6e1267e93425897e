/**
 * The one result model of document verification (docs/STANDARDS.md §2.3: "support both, behind one verification
 * result model"): PDF and OFD licences and seal-stamped documents are reported as a {@link
 * cn.tongban.licence.report.VerificationReport} with ETSI EN 319 102-1 indications.
 */
package cn.tongban.licence.report;
