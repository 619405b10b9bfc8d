export declare function testId(file: string, name: string): string;
export declare function selectTests(ids: readonly string[]): { files: string[]; only: Set<string> };
export declare function cheapestFirst(files: readonly string[], only: ReadonlySet<string>, timeSpentMs: ReadonlyMap<string, number>): string[];
