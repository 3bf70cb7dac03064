// The Writer's pages: one chunk (with the rich-text editor), loaded when the section is first opened.
export { ContentPage, PublishedPage, ReviewPage } from './Contents';
export { EditorPage } from './Editor';
export { TasksPage } from './Tasks';
