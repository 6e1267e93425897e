/**
 * Catalogue administration (docs/STANDARDS.md §4–§5): resources with lifecycle draft → published → retired, every
 * change a new version kept in {@code resource_history} ({@link cn.tongban.catalog.admin.ResourceStore#asOf}),
 * optimistic locking by the version the editor read ({@link cn.tongban.catalog.admin.StaleVersionException}),
 * validation that lists every violation ({@link cn.tongban.catalog.admin.ResourceValidator},
 * {@link cn.tongban.catalog.admin.ValidationException}), bulk import that imports nothing of a bad file unless
 * bad rows are skipped, service items with their retained proof lists, departments, systems and certificates,
 * responsibility lists, and the change record of who changed what and when
 * ({@link cn.tongban.catalog.admin.ChangeLog}). Plain Java over spring-jdbc; the server wires it.
 */
package cn.tongban.catalog.admin;
