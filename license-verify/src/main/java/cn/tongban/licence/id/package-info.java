/** Electronic licence identifiers (GB/T 36904-2018); the result model is shared with {@code cn.tongban.catalog.id}. */
package cn.tongban.licence.id;
