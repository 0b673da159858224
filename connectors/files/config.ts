import { z } from 'zod';

export const filesConfigSchema = z
  .object({
    type: z.literal('files'),
    /** Folder with one CSV per canonical table; relative paths resolve against the config file's folder. */
    dir: z.string().min(1, 'name the folder holding the CSV files'),
  })
  .strict();

export type FilesConfig = z.infer<typeof filesConfigSchema>;
