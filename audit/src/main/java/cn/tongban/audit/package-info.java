/** Tongban audit module. */
package cn.tongban.audit;
