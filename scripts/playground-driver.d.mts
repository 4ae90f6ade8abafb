import type { Browser, Page } from 'playwright-core';

export const SITE_DIR: string;
export const PLAYGROUND_URL: string;
export function chromiumPath(): string | undefined;
export function launchChromium(): Promise<Browser>;
export function playgroundNumber(page: Page, name: string): Promise<number>;
export function openPlayground(page: Page, url?: string, timeout?: number): Promise<void>;
export function afterLint(page: Page, action: () => Promise<unknown>, timeout?: number): Promise<void>;
export function paste(page: Page, editor: 'Spec' | 'Template', text: string): Promise<void>;
export function listed(page: Page): Promise<Array<{ rule: string; line: number; severity: string }>>;
export function editorText(page: Page, which: 'spec' | 'template'): Promise<string>;
export function cursorLine(page: Page): Promise<number>;
export function shownDiagnostics(page: Page): Promise<Array<Record<string, unknown>>>;
