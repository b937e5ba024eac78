/**
 * The public Base de Conhecimento's texts in pt-BR, English and Spanish (the page's language is
 * `?lang=`, then the account's locale).
 */
import type { Lang } from "../../settings/look";

export interface KbTexts {
  product: string;
  searchLabel: string;
  searchPlaceholder: string;
  searchButton: string;
  searchTitle: (q: string) => string;
  noResults: string;
  emptyQuery: string;
  empty: string;
  articles: (n: number) => string;
  helpfulQuestion: string;
  yes: string;
  no: string;
  thanks: string;
  tooManyVotes: string;
  updated: string;
  home: string;
  breadcrumb: string;
  notFound: string;
  notFoundHint: string;
  indexDescription: (account: string) => string;
}

export const KB_TEXTS: Record<Lang, KbTexts> = {
  "pt-BR": {
    product: "Base de Conhecimento",
    searchLabel: "Pesquisar na Base de Conhecimento",
    searchPlaceholder: "Como podemos ajudar?",
    searchButton: "Pesquisar",
    searchTitle: (q) => `Resultados para “${q}”`,
    noResults: "Nenhum artigo encontrado. Tente outras palavras.",
    emptyQuery: "Digite o que você procura.",
    empty: "Ainda não há artigos publicados.",
    articles: (n) => (n === 1 ? "1 artigo" : `${n} artigos`),
    helpfulQuestion: "Este artigo foi útil?",
    yes: "Sim",
    no: "Não",
    thanks: "Obrigado pela sua resposta!",
    tooManyVotes: "Recebemos muitas respostas suas agora. Tente de novo em um minuto.",
    updated: "Atualizado em",
    home: "Início",
    breadcrumb: "Você está em",
    notFound: "Página não encontrada",
    notFoundHint: "O artigo pode ter sido removido ou ainda não foi publicado.",
    indexDescription: (account) => `Artigos de ajuda de ${account}.`,
  },
  en: {
    product: "Knowledge Base",
    searchLabel: "Search the Knowledge Base",
    searchPlaceholder: "How can we help?",
    searchButton: "Search",
    searchTitle: (q) => `Results for “${q}”`,
    noResults: "No articles found. Try other words.",
    emptyQuery: "Type what you are looking for.",
    empty: "No articles have been published yet.",
    articles: (n) => (n === 1 ? "1 article" : `${n} articles`),
    helpfulQuestion: "Was this article helpful?",
    yes: "Yes",
    no: "No",
    thanks: "Thank you for your answer!",
    tooManyVotes: "We got many answers from you just now. Try again in a minute.",
    updated: "Updated on",
    home: "Home",
    breadcrumb: "You are here",
    notFound: "Page not found",
    notFoundHint: "The article may have been removed or not published yet.",
    indexDescription: (account) => `Help articles from ${account}.`,
  },
  es: {
    product: "Base de Conocimiento",
    searchLabel: "Buscar en la Base de Conocimiento",
    searchPlaceholder: "¿Cómo podemos ayudarte?",
    searchButton: "Buscar",
    searchTitle: (q) => `Resultados para «${q}»`,
    noResults: "No se encontraron artículos. Prueba con otras palabras.",
    emptyQuery: "Escribe lo que buscas.",
    empty: "Aún no hay artículos publicados.",
    articles: (n) => (n === 1 ? "1 artículo" : `${n} artículos`),
    helpfulQuestion: "¿Te resultó útil este artículo?",
    yes: "Sí",
    no: "No",
    thanks: "¡Gracias por tu respuesta!",
    tooManyVotes: "Recibimos muchas respuestas tuyas ahora. Inténtalo de nuevo en un minuto.",
    updated: "Actualizado el",
    home: "Inicio",
    breadcrumb: "Estás en",
    notFound: "Página no encontrada",
    notFoundHint: "Es posible que el artículo se haya eliminado o aún no esté publicado.",
    indexDescription: (account) => `Artículos de ayuda de ${account}.`,
  },
};
