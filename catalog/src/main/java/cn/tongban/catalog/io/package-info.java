/**
 * Import and export files of the catalogue: JSON in the API's shape and RFC 4180 CSV, both round-tripping.
 * Reading never throws on a bad value; each becomes a violation with its field.
 */
package cn.tongban.catalog.io;
