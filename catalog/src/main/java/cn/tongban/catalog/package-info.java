/** Tongban catalog module. */
package cn.tongban.catalog;
