package cn.tongban.catalog;

/** What a registered system is: a department's own system (provider or consumer), or a window app. */
public enum SystemKind {
    DEPARTMENT_SYSTEM,
    WINDOW_APP
}
