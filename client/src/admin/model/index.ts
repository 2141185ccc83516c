/** The editor's model: pure functions over a definition document and a form schema, no React, no I/O. */
export * from './definitionTypes';
export * from './stateTree';
export * from './targets';
export * from './transitions';
export * from './stateEdits';
export * from './conditions';
export * from './formFields';
export * from './formEdits';
export * from './formModel';
export * from './formConditions';
export * from './formFieldTypes';
export * from './formModelRead';
export * from './formModelWrite';
export * from './formCoverage';
export * from './formNewField';
export * from './formModelEdits';
export * from './formBlocks';
