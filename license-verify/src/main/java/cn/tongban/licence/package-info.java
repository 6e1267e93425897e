/** Tongban license-verify module. */
package cn.tongban.licence;
