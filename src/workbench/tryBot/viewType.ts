// The Try Bot panel's view type, also its serializer's key: a name fixed from the first release, since VS Code
// restores panels by it.
export const TRY_BOT_VIEW_TYPE = 'poeBots.tryBot';
