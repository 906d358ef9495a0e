/// The JSON Schema (draft 2020-12) of `funnel.yaml` version 1, as `funnel schema` prints it.
/// `schema/funnel.schema.json` is a copy of `FunnelSchema.text`; a test keeps them identical and
/// keeps every object's keys and required keys equal to `ConfigKeys`.
public enum FunnelSchema {
    public static let text = #"""
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://funnel.dev/schema/funnel.schema.json",
  "title": "funnel.yaml (version 1)",
  "description": "Declares a Wix Workflows lead funnel and the CRM it is kept in sync with. Strings may use ${VAR} and ${VAR:-default} environment references.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "version",
    "wix",
    "workflow",
    "source",
    "contact",
    "card"
  ],
  "properties": {
    "version": {
      "const": 1,
      "description": "The config format version; always 1."
    },
    "wix": {
      "$ref": "#/$defs/wix",
      "description": "Where the Wix site is: sandbox, or siteId with apiKey."
    },
    "workflow": {
      "$ref": "#/$defs/workflow",
      "description": "The Wix workflow and its phases."
    },
    "source": {
      "description": "Where the CRM records come from.",
      "type": "object",
      "required": [
        "type"
      ],
      "properties": {
        "type": {
          "enum": [
            "csv",
            "json",
            "ndjson",
            "http",
            "hubspot",
            "pipedrive"
          ],
          "description": "The source type."
        }
      },
      "allOf": [
        {
          "if": {
            "properties": {
              "type": {
                "const": "csv"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "$ref": "#/$defs/source_csv"
          }
        },
        {
          "if": {
            "properties": {
              "type": {
                "const": "json"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "$ref": "#/$defs/source_json"
          }
        },
        {
          "if": {
            "properties": {
              "type": {
                "const": "ndjson"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "$ref": "#/$defs/source_ndjson"
          }
        },
        {
          "if": {
            "properties": {
              "type": {
                "const": "http"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "$ref": "#/$defs/source_http"
          }
        },
        {
          "if": {
            "properties": {
              "type": {
                "const": "hubspot"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "$ref": "#/$defs/source_hubspot"
          }
        },
        {
          "if": {
            "properties": {
              "type": {
                "const": "pipedrive"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "$ref": "#/$defs/source_pipedrive"
          }
        }
      ]
    },
    "contact": {
      "$ref": "#/$defs/contact",
      "description": "How a record finds and fills its Wix contact."
    },
    "card": {
      "$ref": "#/$defs/card",
      "description": "The card each record becomes."
    },
    "state": {
      "type": "string",
      "description": "The state: a SQLite file path relative to funnel.yaml (default .funnel/state.db), or a postgres://USER:PASSWORD@HOST:PORT/DATABASE[?sslmode=require] URL from the environment such as ${FUNNEL_STATE_URL} (the password must never be written in the file).",
      "minLength": 1,
      "pattern": "^(?:.*\\$\\{.*|(?![A-Za-z][A-Za-z0-9+.-]*://).+|postgres(?:ql)?://[^/?#]+/[^/?#]+(?:\\?.*)?)$"
    },
    "policy": {
      "$ref": "#/$defs/policy",
      "description": "How far funnel may go on its own."
    }
  },
  "allOf": [
    {
      "if": {
        "properties": {
          "workflow": {
            "properties": {
              "phases": {
                "type": "array"
              }
            },
            "required": [
              "phases"
            ]
          }
        },
        "required": [
          "workflow"
        ]
      },
      "then": {
        "properties": {
          "card": {
            "properties": {
              "phase": {
                "required": [
                  "map"
                ]
              }
            }
          }
        }
      }
    }
  ],
  "$defs": {
    "wix": {
      "type": "object",
      "description": "Where the Wix site is: the built-in sandbox, or a real site with its credentials.",
      "additionalProperties": false,
      "properties": {
        "sandbox": {
          "type": "string",
          "description": "Run against the built-in sandbox (a local emulator of the Wix APIs) over the data file at this path, relative to funnel.yaml.",
          "minLength": 1
        },
        "siteId": {
          "type": "string",
          "description": "The Wix site id of a real site, usually ${WIX_SITE_ID}.",
          "minLength": 1
        },
        "apiKey": {
          "type": "string",
          "pattern": "\\$\\{[A-Za-z_][A-Za-z0-9_]*\\}",
          "description": "A Wix API key with Workflows and Contacts permissions. Must be an environment reference such as ${WIX_API_KEY}; a literal secret is an error."
        },
        "oauth": {
          "$ref": "#/$defs/wix_oauth",
          "description": "OAuth app credentials, instead of apiKey."
        },
        "endpoint": {
          "type": "string",
          "description": "The Wix API base URL; default https://www.wixapis.com.",
          "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^/]+"
        },
        "rate_limit": {
          "type": "integer",
          "minimum": 1,
          "description": "Requests per minute funnel may send; default 200 on a real site, unlimited on the sandbox."
        }
      },
      "oneOf": [
        {
          "required": [
            "sandbox"
          ],
          "not": {
            "anyOf": [
              {
                "required": [
                  "siteId"
                ]
              },
              {
                "required": [
                  "apiKey"
                ]
              },
              {
                "required": [
                  "oauth"
                ]
              }
            ]
          }
        },
        {
          "required": [
            "siteId"
          ],
          "not": {
            "required": [
              "sandbox"
            ]
          },
          "oneOf": [
            {
              "required": [
                "apiKey"
              ]
            },
            {
              "required": [
                "oauth"
              ]
            }
          ]
        }
      ]
    },
    "wix_oauth": {
      "type": "object",
      "description": "OAuth client credentials of a Wix app installed on the site.",
      "additionalProperties": false,
      "properties": {
        "appId": {
          "type": "string",
          "description": "The app id.",
          "minLength": 1
        },
        "appSecret": {
          "type": "string",
          "pattern": "\\$\\{[A-Za-z_][A-Za-z0-9_]*\\}",
          "description": "The app secret. Must be an environment reference such as ${WIX_APP_SECRET}; a literal secret is an error."
        },
        "instanceId": {
          "type": "string",
          "description": "The app's instance id on the site.",
          "minLength": 1
        }
      },
      "required": [
        "appId",
        "appSecret",
        "instanceId"
      ]
    },
    "workflow": {
      "type": "object",
      "description": "The Wix workflow funnel manages.",
      "additionalProperties": false,
      "properties": {
        "name": {
          "type": "string",
          "description": "The workflow's exact name; required when phases is a list.",
          "minLength": 1
        },
        "description": {
          "type": "string",
          "description": "The workflow's description."
        },
        "id": {
          "type": "string",
          "description": "Pin the workflow by id when two share the name.",
          "minLength": 1
        },
        "phases": {
          "description": "The active phases left to right (the Win phase always exists), or { from: source } to mirror the CRM pipeline.",
          "anyOf": [
            {
              "type": "array",
              "minItems": 1,
              "maxItems": 59,
              "items": {
                "anyOf": [
                  {
                    "type": "string",
                    "minLength": 1,
                    "description": "A phase name."
                  },
                  {
                    "$ref": "#/$defs/phase"
                  }
                ]
              }
            },
            {
              "$ref": "#/$defs/phases_mirror"
            }
          ]
        }
      },
      "required": [
        "phases"
      ],
      "if": {
        "properties": {
          "phases": {
            "type": "array"
          }
        },
        "required": [
          "phases"
        ]
      },
      "then": {
        "required": [
          "name"
        ]
      }
    },
    "phase": {
      "type": "object",
      "description": "A phase with its former names.",
      "additionalProperties": false,
      "properties": {
        "name": {
          "type": "string",
          "description": "The phase name.",
          "minLength": 1
        },
        "was": {
          "type": "array",
          "items": {
            "type": "string",
            "minLength": 1
          },
          "description": "Former names: a live phase with one of them is renamed, not deleted and recreated."
        }
      },
      "required": [
        "name"
      ]
    },
    "phases_mirror": {
      "type": "object",
      "description": "Mirror the source's pipeline: one phase per open stage, in order.",
      "additionalProperties": false,
      "properties": {
        "from": {
          "const": "source",
          "description": "Mirror the pipeline of source."
        },
        "rename": {
          "type": "object",
          "additionalProperties": {
            "type": "string",
            "minLength": 1
          },
          "description": "Stage id or label -> phase name."
        },
        "exclude": {
          "type": "array",
          "items": {
            "type": "string",
            "minLength": 1
          },
          "description": "Stage ids or labels not mirrored."
        },
        "map": {
          "type": "object",
          "additionalProperties": {
            "type": "string",
            "minLength": 1,
            "pattern": "^(\\$win|\\$archive|[^$].*)$",
            "description": "A phase name, $win (the Win phase) or $archive (archive the card)."
          },
          "description": "Stage id or label -> a phase, $win or $archive (several stages onto one phase)."
        }
      },
      "required": [
        "from"
      ]
    },
    "source_csv": {
      "type": "object",
      "description": "An RFC 4180 CSV file with a header row.",
      "additionalProperties": false,
      "properties": {
        "type": {
          "const": "csv",
          "description": "A CSV file."
        },
        "key": {
          "type": "string",
          "description": "The record field (dotted path allowed) holding the CRM record id.",
          "minLength": 1
        },
        "path": {
          "type": "string",
          "description": "Path of the file, relative to funnel.yaml's directory.",
          "minLength": 1
        },
        "delimiter": {
          "type": "string",
          "description": "The field delimiter, one character; default ,.",
          "minLength": 1,
          "maxLength": 1
        },
        "columns": {
          "type": "array",
          "items": {
            "type": "string"
          },
          "description": "Columns that must be in the header, besides those the templates use."
        },
        "stages": {
          "type": "array",
          "description": "The pipeline's stages, for workflow.phases: { from: source } (file and http sources).",
          "items": {
            "$ref": "#/$defs/stage"
          }
        }
      },
      "required": [
        "type",
        "key",
        "path"
      ]
    },
    "source_json": {
      "type": "object",
      "description": "A JSON file: an array of objects, or one found at records.",
      "additionalProperties": false,
      "properties": {
        "type": {
          "const": "json",
          "description": "A JSON file."
        },
        "key": {
          "type": "string",
          "description": "The record field (dotted path allowed) holding the CRM record id.",
          "minLength": 1
        },
        "path": {
          "type": "string",
          "description": "Path of the file, relative to funnel.yaml's directory.",
          "minLength": 1
        },
        "records": {
          "type": "string",
          "description": "JSON pointer to the records array; default the whole document.",
          "pattern": "^(/.*)?$"
        },
        "stages": {
          "type": "array",
          "description": "The pipeline's stages, for workflow.phases: { from: source } (file and http sources).",
          "items": {
            "$ref": "#/$defs/stage"
          }
        }
      },
      "required": [
        "type",
        "key",
        "path"
      ]
    },
    "source_ndjson": {
      "type": "object",
      "description": "A newline-delimited JSON file: one object per line.",
      "additionalProperties": false,
      "properties": {
        "type": {
          "const": "ndjson",
          "description": "An NDJSON file."
        },
        "key": {
          "type": "string",
          "description": "The record field (dotted path allowed) holding the CRM record id.",
          "minLength": 1
        },
        "path": {
          "type": "string",
          "description": "Path of the file, relative to funnel.yaml's directory.",
          "minLength": 1
        },
        "stages": {
          "type": "array",
          "description": "The pipeline's stages, for workflow.phases: { from: source } (file and http sources).",
          "items": {
            "$ref": "#/$defs/stage"
          }
        }
      },
      "required": [
        "type",
        "key",
        "path"
      ]
    },
    "source_http": {
      "type": "object",
      "description": "Any JSON API, read page by page.",
      "additionalProperties": false,
      "properties": {
        "type": {
          "const": "http",
          "description": "A JSON API over HTTP."
        },
        "key": {
          "type": "string",
          "description": "The record field (dotted path allowed) holding the CRM record id.",
          "minLength": 1
        },
        "url": {
          "type": "string",
          "description": "The first page's URL.",
          "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^/]+"
        },
        "headers": {
          "type": "object",
          "additionalProperties": {
            "type": "string"
          },
          "description": "Request headers. Credentials (Authorization, API keys, tokens) must be environment references such as \"Bearer ${API_TOKEN}\"."
        },
        "records": {
          "type": "string",
          "description": "JSON pointer to the records array in each page; default the whole body.",
          "pattern": "^(/.*)?$"
        },
        "pagination": {
          "description": "How to reach the next page; default a single page.",
          "type": "object",
          "required": [
            "type"
          ],
          "properties": {
            "type": {
              "enum": [
                "next_link",
                "link_header",
                "cursor",
                "offset"
              ],
              "description": "The pagination style."
            }
          },
          "allOf": [
            {
              "if": {
                "properties": {
                  "type": {
                    "const": "next_link"
                  }
                },
                "required": [
                  "type"
                ]
              },
              "then": {
                "$ref": "#/$defs/pagination_next_link"
              }
            },
            {
              "if": {
                "properties": {
                  "type": {
                    "const": "link_header"
                  }
                },
                "required": [
                  "type"
                ]
              },
              "then": {
                "$ref": "#/$defs/pagination_link_header"
              }
            },
            {
              "if": {
                "properties": {
                  "type": {
                    "const": "cursor"
                  }
                },
                "required": [
                  "type"
                ]
              },
              "then": {
                "$ref": "#/$defs/pagination_cursor"
              }
            },
            {
              "if": {
                "properties": {
                  "type": {
                    "const": "offset"
                  }
                },
                "required": [
                  "type"
                ]
              },
              "then": {
                "$ref": "#/$defs/pagination_offset"
              }
            }
          ]
        },
        "timeout": {
          "type": "number",
          "exclusiveMinimum": 0,
          "description": "Seconds per request; default 30."
        },
        "max_pages": {
          "type": "integer",
          "minimum": 1,
          "description": "Stop after this many pages; default 1000."
        },
        "stages": {
          "type": "array",
          "description": "The pipeline's stages, for workflow.phases: { from: source } (file and http sources).",
          "items": {
            "$ref": "#/$defs/stage"
          }
        }
      },
      "required": [
        "type",
        "key",
        "url"
      ]
    },
    "source_hubspot": {
      "type": "object",
      "description": "HubSpot deals (CRM v3) with their associated contacts.",
      "additionalProperties": false,
      "properties": {
        "type": {
          "const": "hubspot",
          "description": "HubSpot."
        },
        "key": {
          "type": "string",
          "description": "The deal field holding the record id; default id.",
          "minLength": 1
        },
        "token": {
          "type": "string",
          "pattern": "\\$\\{[A-Za-z_][A-Za-z0-9_]*\\}",
          "description": "A private-app or service-key token with crm.objects.deals.read and crm.objects.contacts.read. Must be an environment reference such as ${HUBSPOT_TOKEN}; a literal secret is an error."
        },
        "pipeline": {
          "type": [
            "string",
            "integer"
          ],
          "description": "The deal pipeline's id or label (the default pipeline's id is default)."
        },
        "base_url": {
          "type": "string",
          "description": "API base URL; default https://api.hubapi.com.",
          "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^/]+"
        },
        "properties": {
          "type": "array",
          "items": {
            "type": "string"
          },
          "description": "Extra deal properties to read; those the templates use are added automatically."
        }
      },
      "required": [
        "type",
        "token",
        "pipeline"
      ]
    },
    "source_pipedrive": {
      "type": "object",
      "description": "Pipedrive deals (API v2) with their persons.",
      "additionalProperties": false,
      "properties": {
        "type": {
          "const": "pipedrive",
          "description": "Pipedrive."
        },
        "key": {
          "type": "string",
          "description": "The deal field holding the record id; default id.",
          "minLength": 1
        },
        "token": {
          "type": "string",
          "pattern": "\\$\\{[A-Za-z_][A-Za-z0-9_]*\\}",
          "description": "A Pipedrive API token (sent as x-api-token). Must be an environment reference such as ${PIPEDRIVE_API_TOKEN}; a literal secret is an error."
        },
        "pipeline": {
          "type": [
            "string",
            "integer"
          ],
          "description": "The pipeline's id or name."
        },
        "base_url": {
          "type": "string",
          "description": "API base URL, e.g. https://yourcompany.pipedrive.com; default https://api.pipedrive.com.",
          "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^/]+"
        }
      },
      "required": [
        "type",
        "token",
        "pipeline"
      ]
    },
    "stage": {
      "type": "object",
      "description": "One stage of the source's pipeline.",
      "additionalProperties": false,
      "properties": {
        "id": {
          "type": [
            "string",
            "integer"
          ],
          "description": "The stage value records carry."
        },
        "label": {
          "type": "string",
          "description": "The stage's display name (the phase name when mirrored); default the id.",
          "minLength": 1
        },
        "order": {
          "type": "integer",
          "description": "Position in the pipeline; default the list order."
        },
        "kind": {
          "enum": [
            "open",
            "won",
            "lost"
          ],
          "description": "open (a phase), won (the Win phase) or lost (archived); default open."
        }
      },
      "required": [
        "id"
      ]
    },
    "pagination_next_link": {
      "type": "object",
      "description": "The next page's URL is in the body.",
      "additionalProperties": false,
      "properties": {
        "type": {
          "const": "next_link",
          "description": "Follow a URL found in the body."
        },
        "pointer": {
          "type": "string",
          "description": "JSON pointer to the next page's URL, e.g. /links/next.",
          "pattern": "^(/.*)?$"
        }
      },
      "required": [
        "type",
        "pointer"
      ]
    },
    "pagination_link_header": {
      "type": "object",
      "description": "RFC 8288 Link: <...>; rel=\"next\" headers.",
      "additionalProperties": false,
      "properties": {
        "type": {
          "const": "link_header",
          "description": "Follow the Link header."
        }
      },
      "required": [
        "type"
      ]
    },
    "pagination_cursor": {
      "type": "object",
      "description": "A cursor in the body, sent back as a query parameter.",
      "additionalProperties": false,
      "properties": {
        "type": {
          "const": "cursor",
          "description": "Cursor pagination."
        },
        "pointer": {
          "type": "string",
          "description": "JSON pointer to the next cursor; absent or empty on the last page.",
          "pattern": "^(/.*)?$"
        },
        "param": {
          "type": "string",
          "description": "The query parameter that carries the cursor.",
          "minLength": 1
        }
      },
      "required": [
        "type",
        "pointer",
        "param"
      ]
    },
    "pagination_offset": {
      "type": "object",
      "description": "offset/limit query parameters; stops at a short page.",
      "additionalProperties": false,
      "properties": {
        "type": {
          "const": "offset",
          "description": "Offset pagination."
        },
        "offset_param": {
          "type": "string",
          "description": "The offset parameter; default offset.",
          "minLength": 1
        },
        "limit_param": {
          "type": "string",
          "description": "The page-size parameter; default limit.",
          "minLength": 1
        },
        "limit": {
          "type": "integer",
          "minimum": 1,
          "description": "The page size; default 100."
        }
      },
      "required": [
        "type"
      ]
    },
    "contact": {
      "type": "object",
      "description": "How a record finds and fills its Wix contact.",
      "additionalProperties": false,
      "properties": {
        "match": {
          "enum": [
            "email",
            "phone"
          ],
          "description": "The identity a record's contact is matched by; default email."
        },
        "fields": {
          "$ref": "#/$defs/contact_fields",
          "description": "Templates for the contact fields funnel manages."
        },
        "country": {
          "type": "string",
          "pattern": "^[A-Z]{2}$",
          "description": "ISO 3166-1 alpha-2 code (e.g. US) of the country national phone numbers (written without +) belong to; funnel makes them E.164 and sends it to Wix as the phone's countryCode. Without it, every phone must start with + or 00."
        },
        "labels": {
          "type": "array",
          "items": {
            "type": "string",
            "minLength": 1,
            "description": "A label's display name; A template: {{ field }}, {{ field | lower }}, Stencil syntax."
          },
          "description": "Labels every contact carries, by display name (found or created in Wix). funnel removes only labels it added itself."
        },
        "custom": {
          "type": "object",
          "maxProperties": 100,
          "additionalProperties": {
            "oneOf": [
              {
                "type": "string",
                "description": "A text field's value. A template: {{ field }}, {{ field | lower }}, Stencil syntax."
              },
              {
                "$ref": "#/$defs/custom_field"
              }
            ],
            "description": "A template (a text field) or { value, type }."
          },
          "propertyNames": {
            "minLength": 1,
            "not": {
              "enum": [
                "first",
                "last",
                "email",
                "phone",
                "company",
                "jobTitle",
                "labels"
              ]
            }
          },
          "description": "Custom contact fields by display name (Wix's extended fields, found or created; at most 100 per site)."
        },
        "update": {
          "type": "object",
          "additionalProperties": {
            "enum": [
              "always",
              "fill_empty",
              "never"
            ],
            "description": "always: kept current with the CRM; fill_empty: set only while Wix has no value; never: set when the contact is created, never after."
          },
          "description": "Who owns each contact field once the contact exists: a built-in field or a contact.custom name -> always (default), fill_empty or never."
        }
      },
      "required": [
        "fields"
      ],
      "allOf": [
        {
          "if": {
            "properties": {
              "match": {
                "const": "phone"
              }
            },
            "required": [
              "match"
            ]
          },
          "then": {
            "properties": {
              "fields": {
                "required": [
                  "phone"
                ]
              }
            }
          },
          "else": {
            "properties": {
              "fields": {
                "required": [
                  "email"
                ]
              }
            }
          }
        }
      ]
    },
    "contact_fields": {
      "type": "object",
      "description": "Contact field templates; a field left out is not managed.",
      "additionalProperties": false,
      "properties": {
        "first": {
          "type": "string",
          "description": "First name. A template: {{ field }}, {{ field | lower }}, Stencil syntax."
        },
        "last": {
          "type": "string",
          "description": "Last name. A template: {{ field }}, {{ field | lower }}, Stencil syntax."
        },
        "email": {
          "type": "string",
          "description": "Email address. A template: {{ field }}, {{ field | lower }}, Stencil syntax."
        },
        "phone": {
          "type": "string",
          "description": "Phone number. A template: {{ field }}, {{ field | lower }}, Stencil syntax."
        },
        "company": {
          "type": "string",
          "description": "Company. A template: {{ field }}, {{ field | lower }}, Stencil syntax."
        },
        "jobTitle": {
          "type": "string",
          "description": "Job title. A template: {{ field }}, {{ field | lower }}, Stencil syntax."
        }
      }
    },
    "custom_field": {
      "type": "object",
      "description": "A custom contact field's value and type.",
      "additionalProperties": false,
      "properties": {
        "value": {
          "type": "string",
          "description": "The value. A template: {{ field }}, {{ field | lower }}, Stencil syntax."
        },
        "type": {
          "enum": [
            "text",
            "number",
            "date",
            "url"
          ],
          "description": "The field's type in Wix; default text. Values are checked: a number, a YYYY-MM-DD date, an http(s) URL."
        }
      },
      "required": [
        "value"
      ]
    },
    "card": {
      "type": "object",
      "description": "The card each record becomes.",
      "additionalProperties": false,
      "properties": {
        "source": {
          "type": "string",
          "description": "Written to each card's source field; marks the cards funnel owns.",
          "minLength": 1
        },
        "name": {
          "type": "string",
          "description": "The card name. A template: {{ field }}, {{ field | lower }}, Stencil syntax."
        },
        "description": {
          "type": "string",
          "description": "The card description. A template: {{ field }}, {{ field | lower }}, Stencil syntax."
        },
        "due": {
          "type": "string",
          "description": "The card's due date (dueDate), a YYYY-MM-DD date. A template: {{ field }}, {{ field | lower }}, Stencil syntax."
        },
        "phase": {
          "$ref": "#/$defs/card_phase",
          "description": "Where each card goes."
        }
      },
      "required": [
        "source",
        "name",
        "phase"
      ]
    },
    "card_phase": {
      "type": "object",
      "description": "The record field that says where the lead is, and what each value means.",
      "additionalProperties": false,
      "properties": {
        "from": {
          "type": "string",
          "description": "The record field (dotted path allowed) holding the stage.",
          "minLength": 1
        },
        "map": {
          "type": "object",
          "minProperties": 1,
          "additionalProperties": {
            "type": "string",
            "minLength": 1,
            "pattern": "^(\\$win|\\$archive|[^$].*)$",
            "description": "A phase name, $win (the Win phase) or $archive (archive the card)."
          },
          "description": "Stage value -> a phase of workflow.phases, $win or $archive. Required when workflow.phases is a list."
        },
        "default": {
          "type": "string",
          "minLength": 1,
          "pattern": "^(\\$win|\\$archive|[^$].*)$",
          "description": "Target for stage values not in map; without it such records are rejected."
        }
      },
      "required": [
        "from"
      ]
    },
    "policy": {
      "type": "object",
      "description": "How far funnel may go on its own.",
      "additionalProperties": false,
      "properties": {
        "missing": {
          "enum": [
            "archive",
            "keep"
          ],
          "description": "An owned card whose record is gone: archive it or keep it; default archive."
        },
        "drift": {
          "enum": [
            "revert",
            "keep"
          ],
          "description": "A card moved by hand in Wix: move it back or keep it; default revert."
        },
        "max_archive": {
          "description": "Plan fails when it would archive more cards than this: a count (25; 0 allows none) or a percentage of the owned live cards (10%), rounded up and at least 1 (0% allows none); default 10%.",
          "oneOf": [
            {
              "type": "integer",
              "minimum": 0
            },
            {
              "type": "string",
              "pattern": "^(100(\\.0+)?|[0-9]{1,2}(\\.[0-9]+)?) ?%$"
            }
          ]
        },
        "delete_phases": {
          "type": "boolean",
          "description": "Delete phases removed from the config once they are empty; default true."
        }
      }
    }
  }
}

"""#
}
