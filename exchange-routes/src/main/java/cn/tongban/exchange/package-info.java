/** Tongban exchange-routes module. */
package cn.tongban.exchange;
