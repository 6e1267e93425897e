package cn.tongban.catalog;

/** Resource classes of the catalogue compilation guide (docs/STANDARDS.md §4): 基础 base, 主题 thematic, 部门 departmental. */
public enum ResourceClass {
    BASE,
    THEMATIC,
    DEPARTMENTAL
}
