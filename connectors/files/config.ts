import { z } from 'zod';

export const filesConfigSchema = z
  .object({
    type: z.literal('files'),
    /** Folder with one CSV per canonical table; relative paths resolve against the config file's folder. */
    dir: z.string().min(1, 'name the folder holding the CSV files'),
    /**
     * The folder holds an ERP's own report exports instead of canonical CSVs: a built-in export profile's name
     * ("vista", "sage300cre", …) or the path of a profile .json file.
     */
    profile: z.string().min(1).optional(),
  })
  .strict();

export type FilesConfig = z.infer<typeof filesConfigSchema>;
